import { z } from 'zod';
import { ConfigError, loadEnv } from './load-config';
import { baseServiceConfig, serviceEnvShape } from './service-env';

const schema = z.object(serviceEnvShape(3002));
const load = (env: Record<string, string>) =>
  baseServiceConfig('verify-service', 'verify', loadEnv(schema, env));

describe('the common service variables', () => {
  it('leaves /metrics off without METRICS_TOKEN, and an empty value counts as unset', () => {
    expect(load({}).metrics.token).toBeUndefined();
    expect(load({ METRICS_TOKEN: '' }).metrics.token).toBeUndefined();
    const token = 'a-scrape-token_0123456789';
    expect(load({ METRICS_TOKEN: token }).metrics.token).toBe(token);
  });

  it.each(['too-short', 'has spaces in the middle of it', 'quote"inside-0123456789'])(
    'refuses METRICS_TOKEN %j without echoing it',
    (token) => {
      const attempt = () => load({ METRICS_TOKEN: token });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/METRICS_TOKEN: must be 16 or more of .* \(got '\*\*\*'\)/);
    },
  );

  it('lets the pages call PASS_SERVICE_URL’s origin and the listed ones, once each', () => {
    expect(load({}).http.pageConnectOrigins).toEqual(['http://127.0.0.1:3001']);
    const config = load({
      PASS_SERVICE_URL: 'http://pass-service:3001/',
      PAGE_CONNECT_ORIGINS: 'https://pass.example.cn, http://pass-service:3001',
    });
    expect(config.http.pageConnectOrigins).toEqual([
      'http://pass-service:3001',
      'https://pass.example.cn',
    ]);
    expect(() => load({ PAGE_CONNECT_ORIGINS: 'https://pass.example.cn/login' })).toThrow(
      /PAGE_CONNECT_ORIGINS: must be comma-separated origins/,
    );
  });
});
