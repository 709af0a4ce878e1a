import { Client } from 'pg';

/** Creates the database named in the URL when it is missing (first start on a fresh server). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client
      .query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
      .catch((error: { code?: string }) => {
        // Two processes starting together may race to create it; the loser is fine.
        if (error.code !== '42P04') throw error;
      });
    return true;
  } finally {
    await client.end();
  }
}
