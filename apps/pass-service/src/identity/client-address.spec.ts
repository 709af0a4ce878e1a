import { rateLimitAddress } from './client-address';

describe('rateLimitAddress', () => {
  it('counts an IPv4 address alone, also when the socket gives it IPv4-mapped', () => {
    expect(rateLimitAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitAddress('::FFFF:cb00:7107')).toBe('203.0.113.7');
  });

  it('counts an IPv6 client by its /64, however the address is written', () => {
    const written = [
      '2001:db8:1:2:3:4:5:6',
      '2001:DB8:1:2::ffff',
      '2001:0db8:0001:0002:0000:0000:0000:0001',
      '2001:db8:1:2::1%eth0',
    ];
    for (const ip of written) expect(rateLimitAddress(ip)).toBe('2001:db8:1:2::/64');
    expect(rateLimitAddress('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(rateLimitAddress('::1')).toBe('0:0:0:0::/64');
  });

  it('puts anything that is not an address in one shared bucket of bounded length', () => {
    for (const junk of [undefined, '', 'unknown', 'evil, 1.2.3.4', 'x'.repeat(10_000), '1.2.3.4.5'])
      expect(rateLimitAddress(junk)).toBe('unknown');
  });
});
