import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { publicAddressesOf } from './private-addresses.ts';

export interface SendResult {
  ok: boolean;
  status?: number;
  error?: string;
  /** The receiver's Retry-After header, when it sent one. */
  retryAfter?: string;
}

export const defaultSendTimeoutMs = 10_000;

/**
 * POSTs a delivery. The host is resolved and checked once, and the connection made to exactly the
 * address checked, so that a DNS answer changed in between cannot lead it inside. The whole exchange,
 * DNS to last byte, has `timeoutMs`: a receiver that trickles its answer cannot hold it longer.
 */
export async function send(
  url: string,
  body: string,
  headers: Record<string, string>,
  allowPrivate: boolean,
  timeoutMs = defaultSendTimeoutMs,
): Promise<SendResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, error: 'the URL is not valid' };
  }
  // A deadline measures elapsed time: a monotonic timer, not the app's clock.
  const endsAt = performance.now() + timeoutMs;
  const late = `no complete answer within ${timeoutMs / 1000} s`;
  let addresses: Array<{ address: string; family: number }>;
  let timer: NodeJS.Timeout | undefined;
  try {
    const tooLate = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(late)), timeoutMs)));
    addresses = await Promise.race([publicAddressesOf(target, allowPrivate), tooLate]);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
  const [{ address, family }] = addresses as [{ address: string; family: number }];
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let status: number | undefined;
    const finish = (result: SendResult) => {
      clearTimeout(deadline);
      resolve(result);
    };
    const sent = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        lookup: pinned,
      },
      (answer) => {
        status = answer.statusCode ?? 0;
        const retryAfter = answer.headers['retry-after'];
        answer.resume();
        answer.on('end', () => {
          const code = status ?? 0;
          finish(
            code >= 200 && code < 300
              ? { ok: true, status: code }
              : { ok: false, status: code, error: `answered ${code}`, ...(retryAfter ? { retryAfter } : {}) },
          );
        });
        answer.on('error', (error) => finish({ ok: false, ...(status ? { status } : {}), error: error.message }));
      },
    );
    const deadline = setTimeout(
      () => {
        finish({ ok: false, ...(status ? { status } : {}), error: late });
        sent.destroy();
      },
      Math.max(0, endsAt - performance.now()),
    );
    sent.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, ...(status ? { status } : {}), error: error.code ? `${error.code}: ${error.message}` : error.message }),
    );
    sent.end(body);
  });
}
