import { createHash, randomBytes } from 'node:crypto';

/** 128 random bits, as base64url without padding: 22 characters. */
const SECRET_BYTES = 16;
const SECRET_SHAPE = /^[A-Za-z0-9_-]{22}$/;

/** A new link secret: shown once to the enterprise, never stored. */
export function newShareSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * The secret's SHA-256, the only form the database holds. The text is hashed as given, so one
 * spelling opens the link, not its non-canonical base64url twins.
 */
export function hashShareSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Whether `text` can be a secret at all: anything else is not found without a query. */
export function isShareSecretShape(text: string): boolean {
  return SECRET_SHAPE.test(text);
}

/** Where the driver's page reads the secret: the fragment, which browsers never send to a server. */
export const DRIVER_PAGE_PATH = '/driver/';

export function driverPagePath(secret: string): string {
  return `${DRIVER_PAGE_PATH}#${secret}`;
}
