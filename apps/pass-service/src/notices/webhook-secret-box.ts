import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT = 'v1';
const IV_BYTES = 12;

/**
 * AES-256-GCM for webhook secrets. A secret is a shared HMAC key: the service must be able to
 * sign with it, so it is encrypted (not hashed) with a key derived from KEY_ENCRYPTION_SECRET,
 * under its own HKDF label, and bound to its enterprise (a ciphertext copied onto another
 * enterprise's row does not decrypt). It is never sent back to anyone.
 */
export class WebhookSecretBox {
  private readonly aesKey: Buffer;

  constructor(secret: string) {
    this.aesKey = Buffer.from(
      hkdfSync('sha256', secret, 'epass/pass-service', 'webhook-secret-encryption/v1', 32),
    );
  }

  seal(plain: string, enterpriseId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.aesKey, iv);
    cipher.setAAD(Buffer.from(enterpriseId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Throws when the text was altered, belongs to another enterprise, or the key changed. */
  open(stored: string, enterpriseId: string): string {
    const [format, iv, tag, ciphertext] = stored.split('.');
    if (format !== FORMAT || !iv || !tag || !ciphertext) {
      throw new Error('webhook secret: unknown encrypted format');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.aesKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(enterpriseId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
