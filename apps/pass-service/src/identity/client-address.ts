import { isIPv4, isIPv6 } from 'node:net';

/**
 * The part of a client's address that rate limits count by. An IPv4 address counts alone (an
 * IPv4-mapped IPv6 one too). An IPv6 client is usually given a whole /64, so counting single
 * addresses would hand it 2^64 budgets: its first four groups count together. Anything else (a
 * proxy passing on a malformed X-Forwarded-For) shares one bucket, so a made-up value cannot
 * open a fresh budget nor make a long key.
 */
export function rateLimitAddress(ip: string | undefined): string {
  if (ip === undefined) return 'unknown';
  if (isIPv4(ip)) return ip;
  const address = ip.split('%')[0]; // a link-local zone id names the interface, not the client
  if (!isIPv6(address)) return 'unknown';
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high, low] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, `::` and a dotted IPv4 tail expanded. */
function ipv6Groups(address: string): number[] {
  // The URL parser gives the canonical text: lower case, no leading zeros, the IPv4 tail in hex.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => Number.parseInt(g, 16));
}
