import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Tenpoint-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the
 * subscription's secret>`. Receivers recompute it, compare in constant time, and refuse old `t`.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/** The headers of every delivery, test sends included. */
export function deliveryHeaders(delivery: { id: string; event: string; secret: string }, body: string, at: Date): Record<string, string> {
  return {
    'Tenpoint-Signature': signatureHeader(delivery.secret, body, at),
    'Tenpoint-Delivery': delivery.id,
    'Tenpoint-Event': delivery.event,
    'User-Agent': 'Tenpoint-Webhooks/1',
  };
}

/** What a receiver does; kept here so that the README's example and the tests say the same. */
export function verifySignature(secret: string, body: string, header: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1 || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
