import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { KeyEncryption } from './key-encryption';

describe('KeyEncryption', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const encryption = new KeyEncryption('a-secret-of-enough-length');

  it('round-trips a P-256 private key that still signs', () => {
    const stored = encryption.encrypt(privateKey, 'kid-1');
    const restored = encryption.decrypt(stored, 'kid-1');
    const signature = sign('sha256', Buffer.from('pass'), restored);
    expect(verify('sha256', Buffer.from('pass'), publicKey, signature)).toBe(true);
  });

  it('never stores the key in the clear and uses a fresh IV each time', () => {
    const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url');
    const a = encryption.encrypt(privateKey, 'kid-1');
    const b = encryption.encrypt(privateKey, 'kid-1');
    expect(a).not.toContain(der);
    expect(a).not.toBe(b);
  });

  it('refuses another secret, another kid and any altered byte', () => {
    const stored = encryption.encrypt(privateKey, 'kid-1');
    expect(() => new KeyEncryption('another-secret-of-length').decrypt(stored, 'kid-1')).toThrow();
    expect(() => encryption.decrypt(stored, 'kid-2')).toThrow();
    const parts = stored.split('.');
    const body = parts[3];
    parts[3] = (body.startsWith('A') ? 'B' : 'A') + body.slice(1);
    expect(() => encryption.decrypt(parts.join('.'), 'kid-1')).toThrow();
  });
});
