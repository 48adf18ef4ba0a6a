import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

// Only ordinary public unicast: loopback, private, link-local (cloud metadata), carrier-grade NAT
// and every range that tunnels or translates to one of them (NAT64, 6to4, Teredo, IPv4-mapped and
// IPv4-compatible) stay out, so that a webhook cannot make the API call into its own network.
const globalUnicast = ipaddr.parseCIDR('2000::/3');
const ipv4Compatible = ipaddr.parseCIDR('::/96');

export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  const ipv6 = parsed as ipaddr.IPv6;
  if (ipv6.isIPv4MappedAddress()) return isPrivateAddress(ipv6.toIPv4Address().toString());
  if (ipv6.match(ipv4Compatible)) return true;
  return !ipv6.match(globalUnicast) || ipv6.range() !== 'unicast';
}

/** The addresses a webhook URL's host resolves to, refused when any is private (unless allowed). */
export async function publicAddressesOf(url: URL, allowPrivate: boolean): Promise<Array<{ address: string; family: number }>> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  if (!allowPrivate) {
    const inside = addresses.find(({ address }) => isPrivateAddress(address));
    if (inside)
      throw new Error(`${url.hostname} is a private or loopback address (${inside.address}); webhooks go to public addresses only`);
  }
  return addresses;
}
