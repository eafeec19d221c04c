// The key a client's address is counted under for per-IP rates. IPv4 counts per address;
// IPv6 per /64, since one host (a phone, a VM) usually has a whole /64 to pick addresses
// from. IPv4-mapped IPv6 (`::ffff:192.0.2.1`, how a dual-stack socket reports IPv4) counts
// as the IPv4 address.
import ipaddr from 'ipaddr.js';

export function rateBucketOf(ip: string): string {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(ip.trim());
  } catch {
    // Not an address (no socket address at all): one shared bucket, never one per string.
    return 'unknown';
  }
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const prefix = new ipaddr.IPv6([...v6.parts.slice(0, 4), 0, 0, 0, 0]);
  return `${prefix.toString()}/64`;
}
