import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

const FORMAT = 'v1';
const IV_BYTES = 12;

/**
 * AES-256-GCM for the signing keys' private halves. The AES key is derived from the
 * environment's secret with HKDF, so the secret's own format does not matter. The kid is bound
 * as associated data: a ciphertext copied onto another key's row does not decrypt.
 */
export class KeyEncryption {
  private readonly aesKey: Buffer;

  constructor(secret: string) {
    this.aesKey = Buffer.from(
      hkdfSync('sha256', secret, 'epass/pass-service', 'signing-key-encryption/v1', 32),
    );
  }

  encrypt(privateKey: KeyObject, kid: string): string {
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.aesKey, iv);
    cipher.setAAD(Buffer.from(kid, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
    return [FORMAT, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Throws when the secret is not the one the key was stored with, or the text was altered. */
  decrypt(stored: string, kid: string): KeyObject {
    const [format, iv, tag, ciphertext] = stored.split('.');
    if (format !== FORMAT || !iv || !tag || !ciphertext) {
      throw new Error(`signing key ${kid}: unknown encrypted format`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.aesKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(kid, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const der = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  }
}
