import { z } from 'zod';
import { ConfigError, envFields, loadEnv } from '@app/config';

const schema = z.object({
  DATABASE_URL: envFields.databaseUrl,
  KAFKA_BROKERS: envFields.kafkaBrokers,
  PORT: envFields.port(3001),
  KEY_ENCRYPTION_SECRET: z.string().min(16),
});

describe('loadEnv', () => {
  it('applies defaults and parses broker lists', () => {
    const env = loadEnv(schema, {
      KEY_ENCRYPTION_SECRET: 'x'.repeat(16),
      KAFKA_BROKERS: 'a:1, b:2',
    });
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/epass');
    expect(env.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(env.PORT).toBe(3001);
  });

  it('names every faulty variable in one error and hides secrets', () => {
    let caught: unknown;
    try {
      loadEnv(schema, {
        DATABASE_URL: 'mysql://x',
        KAFKA_BROKERS: 'nope',
        PORT: '70000',
        KEY_ENCRYPTION_SECRET: 'short',
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain(
      "DATABASE_URL: must be a postgres:// or postgresql:// URL with a database name (got 'mysql://x')",
    );
    expect(message).toContain(
      "KAFKA_BROKERS: must be a comma-separated list of host:port (got 'nope')",
    );
    expect(message).toContain('PORT:');
    expect(message).toContain('KEY_ENCRYPTION_SECRET:');
    expect(message).not.toContain('short');
  });
});
