import { ConfigError } from '@app/config';
import { loadPassServiceConfig } from './pass-service.config';

describe('pass-service configuration', () => {
  const env = { KEY_ENCRYPTION_SECRET: 'sixteen-chars-or-more' };

  it('has working defaults for the pass rules, in integer kilograms', () => {
    const config = loadPassServiceConfig(env);
    expect(config.passRules).toEqual({
      maxTonnageKg: 100_000,
      autoApproveMaxTonnageKg: 49_000,
      maxValidityDays: 30,
      maxStartAheadDays: 14,
      timeZone: 'Asia/Shanghai',
    });
    expect(config.admin).toEqual({ username: 'admin', password: undefined });
    expect(config.accessTokenTtlSeconds).toBe(900);
  });

  it('stops with a message naming each bad variable, never echoing the secret', () => {
    const load = () =>
      loadPassServiceConfig({
        KEY_ENCRYPTION_SECRET: 'short',
        PASS_MAX_TONNAGE: '12.3456',
        PASS_TIME_ZONE: 'Mars/Olympus',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/KEY_ENCRYPTION_SECRET: must be at least 16 characters \(got '\*\*\*'\)/);
    expect(load).toThrow(/PASS_MAX_TONNAGE: must be tons > 0 with at most 3 decimals/);
    expect(load).toThrow(/PASS_TIME_ZONE: must be an IANA time zone/);
  });

  it('limits logins and registrations by default, and trusts no proxy', () => {
    const config = loadPassServiceConfig(env);
    expect(config.login).toEqual({
      perAddress: { limit: 50, windowSeconds: 900 },
      perUserAndAddress: { limit: 5, windowSeconds: 900 },
      perUser: { limit: 10, windowSeconds: 60 },
    });
    expect(config.registration).toEqual({ perAddress: { limit: 10, windowSeconds: 3600 } });
    expect(config.http.trustedProxies).toEqual([]);
  });

  it('takes trusted proxies as addresses, ranges or named ranges, and refuses anything else', () => {
    const proxies = (TRUSTED_PROXIES: string) =>
      loadPassServiceConfig({ ...env, TRUSTED_PROXIES }).http.trustedProxies;
    expect(proxies(' 10.0.0.1, 10.1.0.0/16 ,fd00::/8,loopback')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
    for (const wrong of ['proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '*'])
      expect(() => proxies(wrong)).toThrow(/TRUSTED_PROXIES: must be comma-separated IP addresses/);
  });

  it('requires the key encryption secret', () => {
    expect(() => loadPassServiceConfig({})).toThrow(/KEY_ENCRYPTION_SECRET/);
  });
});
