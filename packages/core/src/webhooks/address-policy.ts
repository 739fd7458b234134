import { BlockList, isIP } from 'node:net';

/** How far the operator relaxed where webhooks may go (development only). */
export interface WebhookAddressPolicy {
  /** Accept `http://` URLs besides `https://`. */
  allowHttp: boolean;
  /** Accept loopback, private, link-local and reserved addresses. */
  allowPrivateAddresses: boolean;
}

/** The strict policy: https to public addresses only. */
export const strictAddressPolicy: WebhookAddressPolicy = {
  allowHttp: false,
  allowPrivateAddresses: false,
};

type Ranges = ReadonlyArray<readonly [network: string, prefix: number]>;

/** The special-purpose ranges (IANA registries), by what they are; anything listed is refused. */
const ranges: ReadonlyArray<readonly [what: string, v4: Ranges, v6: Ranges]> = [
  ['a loopback address', [['127.0.0.0', 8]], [['::1', 128]]],
  [
    'a private address',
    [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
      ['100.64.0.0', 10],
    ],
    [['fc00::', 7]],
  ],
  [
    'a link-local address',
    [['169.254.0.0', 16]],
    [
      ['fe80::', 10],
      ['fec0::', 10],
    ],
  ],
  [
    'a reserved address',
    [
      ['0.0.0.0', 8],
      ['192.0.0.0', 24],
      ['192.0.2.0', 24],
      ['192.31.196.0', 24],
      ['192.52.193.0', 24],
      ['192.88.99.0', 24],
      ['192.175.48.0', 24],
      ['198.18.0.0', 15],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['224.0.0.0', 4],
      ['240.0.0.0', 4],
    ],
    [
      // Everything outside global unicast (2000::/3): unspecified, IPv4-mapped and NAT64
      // addresses (which could name any IPv4 address), multicast…
      ['::', 3],
      ['4000::', 2],
      ['8000::', 1],
      // …and the reserved blocks inside it: IETF protocols and Teredo, documentation, 6to4.
      ['2001::', 23],
      ['2001:db8::', 32],
      ['2002::', 16],
      ['3fff::', 20],
    ],
  ],
];

// One list per family: a BlockList matches an IPv4 address against its IPv6 rules too (as
// ::ffff:a.b.c.d), which would put every IPv4 address inside ::/3.
const lists = ranges.map(([what, v4, v6]) => {
  const ipv4 = new BlockList();
  for (const [network, prefix] of v4) ipv4.addSubnet(network, prefix, 'ipv4');
  const ipv6 = new BlockList();
  for (const [network, prefix] of v6) ipv6.addSubnet(network, prefix, 'ipv6');
  return { what, ipv4, ipv6 };
});

/**
 * Why a webhook may not be sent to `address` — `'a loopback address'`, `'a private
 * address'`, `'a link-local address'` or `'a reserved address'` — or null for a public
 * unicast address. `address` is an IPv4 or IPv6 literal (no brackets).
 *
 * @example addressRefusal('10.1.2.3') // 'a private address'
 */
export function addressRefusal(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  for (const { what, ipv4, ipv6 } of lists) {
    if (family === 4 ? ipv4.check(address, 'ipv4') : ipv6.check(address, 'ipv6')) return what;
  }
  return null;
}
