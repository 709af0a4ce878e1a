import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may point. Only http(s) URLs, and never (unless the configuration's allow-list
 * admits it) an address that is not public: loopback, private, link-local, carrier-grade NAT,
 * multicast, reserved and documentation ranges, in IPv4 and IPv6, including IPv4 written inside
 * IPv6 (mapped, NAT64, 6to4). A host name counts by every address it resolves to, at
 * registration and again at each delivery, inside the connection's own lookup, so a name that
 * resolves elsewhere later (DNS rebinding) is refused at the moment it would be connected to.
 */

export const MAX_WEBHOOK_URL_LENGTH = 2048;

const NAMED_NETWORKS: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  private: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['100.64.0.0', 10, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
};

const NOT_PUBLIC: [string, number, 'ipv4' | 'ipv6'][] = [
  ...NAMED_NETWORKS.loopback,
  ...NAMED_NETWORKS.private,
  ...NAMED_NETWORKS.linklocal,
  ['0.0.0.0', 8, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 96, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
  ['fec0::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

export type AddressVerdict = 'allowed' | 'forbidden';

export class WebhookAddressPolicy {
  private readonly denied = new BlockList();
  private readonly admitted = new BlockList();

  /** `allowedNetworks`: CIDR ranges or `loopback`, `private`, `linklocal` (the config's list). */
  constructor(allowedNetworks: readonly string[]) {
    for (const [address, prefix, type] of NOT_PUBLIC) this.denied.addSubnet(address, prefix, type);
    for (const entry of allowedNetworks) {
      const named = NAMED_NETWORKS[entry];
      if (named) {
        for (const [address, prefix, type] of named) this.admitted.addSubnet(address, prefix, type);
        continue;
      }
      const [address, prefix] = entry.split('/');
      this.admitted.addSubnet(address, Number(prefix), isIP(address) === 6 ? 'ipv6' : 'ipv4');
    }
  }

  /** An IP address (v4 or v6, without brackets). */
  judge(address: string): AddressVerdict {
    const family = isIP(address);
    if (family === 0) return 'forbidden';
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (this.admitted.check(address, type)) return 'allowed';
    if (family === 6) {
      const embedded = embeddedIpv4(address);
      if (embedded !== undefined) return this.judge(embedded);
    }
    return this.denied.check(address, type) ? 'forbidden' : 'allowed';
  }

  /** Resolves a host name (or takes an IP literal) and judges every address it has. */
  async resolve(host: string): Promise<{ addresses: LookupAddress[]; verdict: AddressVerdict }> {
    const literal = unbracket(host);
    if (isIP(literal)) {
      const addresses = [{ address: literal, family: isIP(literal) }];
      return { addresses, verdict: this.judge(literal) };
    }
    const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
      dnsLookup(literal, { all: true, verbatim: true }, (error, found) =>
        error ? reject(error) : resolve(found),
      ),
    );
    const verdict =
      addresses.length > 0 && addresses.every((a) => this.judge(a.address) === 'allowed')
        ? 'allowed'
        : 'forbidden';
    return { addresses, verdict };
  }

  /**
   * A `lookup` for http.request: resolves as usual but fails the connection when any address
   * is not allowed, so the address connected to is always one that was just judged.
   */
  guardedLookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.resolve(hostname).then(
        ({ addresses, verdict }) => {
          if (verdict !== 'allowed') {
            const error = Object.assign(
              new Error(`${hostname} resolves to an address webhooks may not reach`),
              { code: 'WEBHOOK_ADDRESS_FORBIDDEN' },
            );
            return callback(error, '', 0);
          }
          const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
          const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
          if (usable.length === 0) {
            const error = Object.assign(new Error(`${hostname} has no usable address`), {
              code: 'ENOTFOUND',
            });
            return callback(error, '', 0);
          }
          if (options.all) return (callback as unknown as AllCallback)(null, usable);
          return callback(null, usable[0].address, usable[0].family);
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 0),
      );
    };
  }
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

/** The URL's own shape: http(s), a host, no credentials, bounded. */
export function parseWebhookUrl(input: string): URL | undefined {
  if (input.length > MAX_WEBHOOK_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname || url.username || url.password) return undefined;
  return url;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 address. */
function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (!groups) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]);
  return undefined;
}

function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase().split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((parts[0] << 8) | parts[1]).toString(16)}:${((parts[2] << 8) | parts[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((g) => parseInt(g, 16)) : [];
  const first = parse(head);
  const last = parse(tail);
  if (text.includes('::')) {
    const missing = 8 - first.length - last.length;
    if (missing < 0) return undefined;
    return [...first, ...new Array<number>(missing).fill(0), ...last];
  }
  return first.length === 8 ? first : undefined;
}
