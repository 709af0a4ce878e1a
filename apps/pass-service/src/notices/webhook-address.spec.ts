import { parseWebhookUrl, WebhookAddressPolicy } from './webhook-address';

describe('WebhookAddressPolicy', () => {
  const strict = new WebhookAddressPolicy([]);

  it('refuses every address that is not public, in IPv4 and IPv6', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.0.1',
      '100.64.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '192.0.2.1',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.1.2.3',
      '64:ff9b::a9fe:a9fe',
      '2002:c0a8:0101::1',
      '2001:db8::1',
    ]) {
      expect([address, strict.judge(address)]).toEqual([address, 'forbidden']);
    }
  });

  it('allows public addresses', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
    ]) {
      expect([address, strict.judge(address)]).toEqual([address, 'allowed']);
    }
  });

  it('admits the configured networks only', () => {
    const local = new WebhookAddressPolicy(['loopback', '10.20.0.0/16']);
    expect(local.judge('127.0.0.1')).toBe('allowed');
    expect(local.judge('::1')).toBe('allowed');
    expect(local.judge('::ffff:127.0.0.1')).toBe('allowed');
    expect(local.judge('10.20.3.4')).toBe('allowed');
    expect(local.judge('10.21.3.4')).toBe('forbidden');
    expect(local.judge('169.254.169.254')).toBe('forbidden');
  });

  it('judges a name by every address it resolves to, inside the connection lookup too', async () => {
    await expect(strict.resolve('localhost')).resolves.toMatchObject({ verdict: 'forbidden' });
    await expect(strict.resolve('[::1]')).resolves.toMatchObject({ verdict: 'forbidden' });
    const lookup = strict.guardedLookup();
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookup('localhost', { all: true }, (err) => resolve(err)),
    );
    expect(error?.code).toBe('WEBHOOK_ADDRESS_FORBIDDEN');
    const admitted = new WebhookAddressPolicy(['loopback']).guardedLookup();
    const addresses = await new Promise<unknown>((resolve, reject) =>
      admitted('localhost', { all: true }, (err, found) => (err ? reject(err) : resolve(found))),
    );
    expect(Array.isArray(addresses) && addresses.length > 0).toBe(true);
  });
});

describe('parseWebhookUrl', () => {
  it('takes http(s) URLs without credentials, up to 2048 characters', () => {
    expect(parseWebhookUrl('https://example.com/hook?x=1')?.toString()).toBe(
      'https://example.com/hook?x=1',
    );
    expect(parseWebhookUrl('http://0x7f.1/')?.hostname).toBe('127.0.0.1');
    for (const bad of [
      'ftp://example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://a:b@example.com/',
      `https://example.com/${'a'.repeat(2048)}`,
      'not a url',
    ]) {
      expect([bad, parseWebhookUrl(bad)]).toEqual([bad, undefined]);
    }
  });
});
