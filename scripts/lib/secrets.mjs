// @ts-check
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './process.mjs';

/**
 * Local secrets for `npm start`: taken from the environment when set, otherwise generated once
 * into .local/secrets.json (git-ignored), never into the repository.
 */
export function localSecrets() {
  const file = path.join(root, '.local', 'secrets.json');
  /** @type {unknown} */
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  // What an earlier run generated (the file is written below).
  const stored = /** @type {Partial<Record<string, string>>} */ (saved);
  const secrets = {
    KEY_ENCRYPTION_SECRET:
      process.env.KEY_ENCRYPTION_SECRET ??
      stored.KEY_ENCRYPTION_SECRET ??
      randomBytes(32).toString('base64url'),
    ADMIN_USERNAME: process.env.ADMIN_USERNAME ?? stored.ADMIN_USERNAME ?? 'admin',
    ADMIN_PASSWORD:
      process.env.ADMIN_PASSWORD ??
      stored.ADMIN_PASSWORD ??
      `Epass-${randomBytes(6).toString('base64url')}`,
    DEMO_PASSWORD:
      process.env.DEMO_PASSWORD ??
      stored.DEMO_PASSWORD ??
      `Demo-${randomBytes(6).toString('base64url')}`,
    // What a scraper (and the bench and drills) presents on /metrics.
    METRICS_TOKEN:
      process.env.METRICS_TOKEN ?? stored.METRICS_TOKEN ?? randomBytes(24).toString('base64url'),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
