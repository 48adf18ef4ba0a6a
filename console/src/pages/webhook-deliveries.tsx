import type { WebhookDeliveryAnswer } from '@tenpoint/shared';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { List, Site } from '../types.ts';
import { useAction } from '../ui/form.tsx';
import { useLoad } from '../use-load.ts';
import { when } from './when.ts';

type Delivery = WebhookDeliveryAnswer;

// What the sender's network errors mean, for a reader who is not reading Node's error codes.
const networkErrors: Record<string, string> = {
  ECONNREFUSED: 'the receiver refused the connection (nothing listens there)',
  ECONNRESET: 'the receiver closed the connection before answering',
  ENOTFOUND: 'the address does not exist (DNS found no host)',
  EAI_AGAIN: 'the address could not be looked up (DNS failed)',
  ETIMEDOUT: 'the receiver did not answer in time',
  EHOSTUNREACH: 'the receiver cannot be reached',
};

/** Why a try failed, in words. */
export function problemInWords(delivery: Pick<Delivery, 'lastError' | 'lastStatus'>): string {
  const { lastError, lastStatus } = delivery;
  if (!lastError) return '';
  if (lastStatus && lastError === `answered ${lastStatus}`) return `the receiver answered HTTP ${lastStatus}, not a 2xx`;
  const code = /^([A-Z_]+):/.exec(lastError)?.[1];
  return (code && networkErrors[code]) ?? lastError;
}

/** Its state in words; a pending one that failed is waiting for its next try. */
function statusInWords(delivery: Delivery): string {
  if (delivery.status === 'delivered') return `Delivered ${when(delivery.deliveredAt)}`;
  if (delivery.status === 'failed') return 'Failed: given up';
  if (delivery.lastError) return `Failed; next try ${when(delivery.nextAttemptAt)}`;
  return delivery.resentAt ? 'Sending again' : 'Queued';
}

/** A delivery that can be sent again now: given up on, or failed and waiting for its next try. */
const canResend = (delivery: Delivery) =>
  delivery.status === 'failed' ||
  (delivery.status === 'pending' && delivery.lastError !== null && Date.parse(delivery.nextAttemptAt ?? '') > Date.now());

/** The latest deliveries of a subscription, refreshed while some are on their way, and a way to send a failed one again. */
export function WebhookDeliveries({ site, webhookId, manage }: { site: Site; webhookId: string; manage: boolean }) {
  const [count, setCount] = useState(0);
  const reload = () => setCount((value) => value + 1);
  const log = useLoad(() => api.get<List<Delivery>>(`/v1/webhooks/${webhookId}/deliveries`, { limit: '50' }, site.id), [webhookId, count]);
  const action = useAction();
  const waiting = log.data?.data.some((delivery) => delivery.status === 'pending') ?? false;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(reload, 2000);
    return () => clearTimeout(timer);
  }, [waiting, count]);
  const resend = (delivery: Delivery) =>
    action.run(async () => {
      await api.post(`/v1/webhooks/${webhookId}/deliveries/${delivery.id}/retry`, {}, site.id);
      reload();
    });
  return (
    <section class="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Delivery log</h2>
      <div class="actions">
        <button type="button" class="quiet" onClick={reload}>
          Refresh
        </button>
        {action.problem && (
          <p class="problem" role="alert">
            {action.problem}
          </p>
        )}
      </div>
      {log.error && <p role="alert">{log.error}</p>}
      {!log.data ? (
        !log.error && <p role="status">Loading the log…</p>
      ) : log.data.data.length === 0 ? (
        <p>Nothing sent yet: deliveries appear here as responses arrive.</p>
      ) : (
        <div class="table-scroll">
          <table aria-label="Deliveries, newest first">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">HTTP</th>
                <th scope="col" class="numeric">
                  Tries
                </th>
                <th scope="col">Error</th>
                {manage && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {log.data.data.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <time dateTime={delivery.createdAt}>{when(delivery.createdAt)}</time>
                  </td>
                  <td class="mono">{delivery.event}</td>
                  <td class="wrap">
                    {statusInWords(delivery)}
                    {delivery.resentAt && <span class="hint"> · sent again {when(delivery.resentAt)}</span>}
                  </td>
                  <td>{delivery.lastStatus ?? '–'}</td>
                  <td class="numeric">{delivery.attempts}</td>
                  <td class="wrap">{problemInWords(delivery) || '–'}</td>
                  {manage && (
                    <td>
                      {canResend(delivery) && (
                        <button type="button" class="quiet" disabled={action.busy} onClick={() => void resend(delivery)}>
                          Send again
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
