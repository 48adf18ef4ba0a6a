import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

/**
 * Which proxies in front of the API may be believed about the client's address: none (`false`),
 * that many hops (`true` is one), or those whose address is in one of these ranges (CIDR).
 */
export type TrustProxy = boolean | number | string[];

const inRanges = (address: string, ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>) => {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return ranges.some((range) => parsed.kind() === range[0].kind() && parsed.match(range));
};

/** The address that the outermost trusted proxy saw; the socket's when no proxy is trusted. */
export function clientAddress(c: Context, trustProxy: TrustProxy): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const socket = incoming?.socket?.remoteAddress ?? 'local';
  if (trustProxy === false || trustProxy === 0) return socket;
  // Each proxy appends the address it was called from; entries further left were written by the client.
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  if (Array.isArray(trustProxy)) {
    const ranges = trustProxy.map((range) => ipaddr.parseCIDR(range));
    let index = chain.length - 1;
    while (index > 0 && inRanges(chain[index]!, ranges)) index--;
    return chain[index]!;
  }
  const hops = trustProxy === true ? 1 : trustProxy;
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}

/** What a per-address limit counts by: an IPv4 address, or an IPv6 client's /64 (one household or host). */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}

/** Checks a TENPOINT_TRUST_PROXY range list; answers the reason when one is not a CIDR range. */
export function invalidRange(ranges: string[]): string | undefined {
  return ranges.find((range) => {
    try {
      ipaddr.parseCIDR(range);
      return false;
    } catch {
      return true;
    }
  });
}
