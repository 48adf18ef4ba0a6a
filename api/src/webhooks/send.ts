import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { publicAddressesOf } from './private-addresses.ts';

export interface SendResult {
  ok: boolean;
  status?: number;
  error?: string;
}

const timeoutMs = 10_000;

/**
 * POSTs a delivery. The host is resolved and checked once, and the connection made to exactly the
 * address checked, so that a DNS answer changed in between cannot lead it inside.
 */
export async function send(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<SendResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, error: 'the URL is not valid' };
  }
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await publicAddressesOf(target, allowPrivate);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const [{ address, family }] = addresses as [{ address: string; family: number }];
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const sent = request(
      target,
      { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, lookup: pinned, timeout: timeoutMs },
      (answer) => {
        answer.resume();
        answer.on('end', () => {
          const status = answer.statusCode ?? 0;
          resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `answered ${status}` });
        });
        answer.on('error', (error) => resolve({ ok: false, error: error.message }));
      },
    );
    sent.on('timeout', () => sent.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    sent.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, error: error.code ? `${error.code}: ${error.message}` : error.message }));
    sent.end(body);
  });
}
