import { loadPassServiceConfig } from '../config/pass-service.config';
import { loginBuckets } from './login-rate-limiter';

describe('loginBuckets', () => {
  const { login } = loadPassServiceConfig({ KEY_ENCRYPTION_SECRET: 'sixteen-chars-or-more' });

  it('charges the address, then the user there, then the user everywhere, with their limits', () => {
    const [address, userAtAddress, user] = loginBuckets(login, 'wang', '203.0.113.7');
    expect(address).toMatchObject({ key: 'login-a:203.0.113.7', limit: 50, windowSeconds: 900 });
    expect(userAtAddress).toMatchObject({ limit: 5, windowSeconds: 900 });
    expect(user).toMatchObject({ limit: 10, windowSeconds: 60 });
    expect(userAtAddress.key.startsWith('login-ua:203.0.113.7|')).toBe(true);
  });

  it('shares the user bucket across addresses and separates users at one address', () => {
    const [, atA, wangFromA] = loginBuckets(login, 'wang', '203.0.113.7');
    const [, atB, wangFromB] = loginBuckets(login, 'wang', '198.51.100.1');
    const [, liAtA] = loginBuckets(login, 'li', '203.0.113.7');
    expect(wangFromA.key).toBe(wangFromB.key);
    expect(atA.key).not.toBe(atB.key);
    expect(atA.key).not.toBe(liAtA.key);
  });

  it('keeps no username in a key, and keys short whatever the username', () => {
    const typedPassword = 'My-Secret-Password-1';
    const keys = loginBuckets(login, typedPassword.repeat(3), `2001:db8::${'1'}`).map((b) => b.key);
    for (const key of keys) {
      expect(key).not.toContain(typedPassword);
      expect(key.length).toBeLessThan(64);
    }
  });
});
