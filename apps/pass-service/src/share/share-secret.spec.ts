import { hashShareSecret, isShareSecretShape, newShareSecret } from './share-secret';

describe('share secrets', () => {
  it('are 128 random bits in base64url, different every time', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => newShareSecret()));
    expect(secrets.size).toBe(1000);
    for (const secret of secrets) {
      expect(isShareSecretShape(secret)).toBe(true);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(16);
    }
  });

  it('refuses anything that is not 22 base64url characters', () => {
    for (const text of [
      '',
      'a'.repeat(21),
      'a'.repeat(23),
      'a'.repeat(5000),
      `${'a'.repeat(21)}=`,
      `${'a'.repeat(21)}+`,
      `${'a'.repeat(21)}/`,
      `${'a'.repeat(21)}\n`,
      `${'a'.repeat(20)}é`,
      "' OR 1=1 --aaaaaaaaaaa",
    ]) {
      expect(isShareSecretShape(text)).toBe(false);
    }
  });

  it('hashes to 32 bytes, one spelling per hash', () => {
    const secret = newShareSecret();
    expect(hashShareSecret(secret)).toHaveLength(32);
    expect(hashShareSecret(secret).equals(hashShareSecret(secret))).toBe(true);
    expect(hashShareSecret(secret).equals(hashShareSecret(newShareSecret()))).toBe(false);
  });
});
