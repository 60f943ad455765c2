/**
 * Which addresses a customer's webhook may reach (SSRF guard, ADR 0019). A webhook URL is a request the platform makes
 * on a customer's behalf from inside the operator's network, so only globally routable unicast addresses are
 * `public`; everything else — the operator's private networks, this host, link-local and cloud metadata services,
 * carrier-grade NAT, multicast and the ranges IANA reserves — is refused unless WEBHOOK_ALLOW_PRIVATE=true.
 * Addresses that carry an IPv4 address inside IPv6 (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.
 */
export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'unspecified'
  | 'shared'
  | 'multicast'
  | 'metadata'
  | 'reserved'
  | 'invalid';

/** Cloud instance-metadata endpoints; most also fall in a refused range, Azure's wire server does not. */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '168.63.129.16', '100.100.100.200']);
const METADATA_V6 = ['fd00:ec2::254'];

type Range4 = [prefix: string, bits: number, kind: AddressClass];

// Most specific first is not needed: the ranges do not overlap.
const RANGES_V4: Range4[] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network"; 0.0.0.0 connects to the local host on most stacks
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // TEST-NET-1
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking, often used inside networks
  ['198.51.100.0', 24, 'reserved'], // TEST-NET-2
  ['203.0.113.0', 24, 'reserved'], // TEST-NET-3
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // future use, and the limited broadcast 255.255.255.255
];

type Range6 = [prefix: string, bits: number, kind: AddressClass];

const RANGES_V6: Range6[] = [
  ['64:ff9b:1::', 48, 'reserved'], // local-use NAT64 (RFC 8215)
  ['100::', 64, 'reserved'], // discard-only
  ['2001::', 23, 'reserved'], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32, 'reserved'], // documentation
  ['3fff::', 20, 'reserved'], // documentation (RFC 9637)
  ['fc00::', 7, 'private'], // unique local
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // site-local (deprecated)
  ['ff00::', 8, 'multicast'],
];

/** The class of an IP address (v4 dotted decimal or v6 text, a zone suffix allowed); `invalid` when it is neither. */
export function classifyAddress(address: string): AddressClass {
  const v4 = parseIPv4(address);
  if (v4 !== undefined) return classifyV4(v4);
  const v6 = parseIPv6(address);
  return v6 === undefined ? 'invalid' : classifyV6(v6);
}

/** Whether a webhook may be delivered to the address. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}

function classifyV4(bytes: number[]): AddressClass {
  const text = bytes.join('.');
  if (METADATA_V4.has(text)) return 'metadata';
  const value = toUint32(bytes);
  for (const [prefix, bits, kind] of RANGES_V4) {
    if (inPrefix(value, toUint32(parseIPv4(prefix) as number[]), bits)) return kind;
  }
  return 'public';
}

function classifyV6(bytes: number[]): AddressClass {
  if (METADATA_V6.some((m) => equalBytes(bytes, parseIPv6(m) as number[]))) return 'metadata';
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 16)) return 'unspecified';
  if (zeros(0, 15) && bytes[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated), 64:ff9b::a.b.c.d (NAT64): the IPv4 address decides.
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return classifyV4(bytes.slice(12));
  if (zeros(0, 12)) return classifyV4(bytes.slice(12));
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b]) && zeros(4, 12)) return classifyV4(bytes.slice(12));
  // 6to4 (2002:a.b.c.d::/48): routed to that IPv4 address.
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return classifyV4(bytes.slice(2, 6));
  for (const [prefix, bits, kind] of RANGES_V6) {
    if (inPrefixBytes(bytes, parseIPv6(prefix) as number[], bits)) return kind;
  }
  // Only 2000::/3 is global unicast; the rest of the space is unassigned or special.
  return (bytes[0] & 0xe0) === 0x20 ? 'public' : 'reserved';
}

/** Strict dotted decimal: four parts 0–255, no leading zeros (resolvers and URL parsers print this form). */
export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

/** RFC 4291 text forms: `::` compression, a dotted IPv4 tail, an optional `%zone`; 16 bytes, or undefined. */
export function parseIPv6(text: string): number[] | undefined {
  let address = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  if (address.length === 0 || address.length > 45 || !address.includes(':')) return undefined;
  // A dotted IPv4 tail is the last two groups written another way.
  const lastColon = address.lastIndexOf(':');
  const last = address.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return undefined;
    address = `${address.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    for (const group of half.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !rest) return undefined;
  const total = head.length + rest.length;
  // Without `::` there are exactly eight groups; with it, `::` stands for at least one group of zeros.
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const all = [...head, ...Array<number>(8 - total).fill(0), ...rest];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

const toUint32 = (b: number[]): number => ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;

function inPrefix(value: number, prefix: number, bits: number): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((value & mask) >>> 0) === ((prefix & mask) >>> 0);
}

function inPrefixBytes(bytes: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i] & mask) !== (prefix[i] & mask)) return false;
  }
  return true;
}

const startsWith = (bytes: number[], prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);
const equalBytes = (a: number[], b: number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
