import { get } from 'node:http';
import { sleep } from '@blog/service-kit';

interface Subscription {
  lag: number;
  inFlight: number;
}

/**
 * Waits until the event-bus has delivered every event it holds to every subscriber (each
 * subscription with no lag and nothing in flight), at most `timeoutMs`. Resolves with whether
 * it got there.
 */
export async function untilAllDelivered(eventBusUrl: string, timeoutMs: number): Promise<boolean> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const subscriptions = await subscriptionsOf(eventBusUrl).catch(() => undefined);
    if (subscriptions?.every(({ lag, inFlight }) => lag === 0 && inFlight === 0)) return true;
    if (Date.now() >= giveUpAt) return false;
    await sleep(250);
  }
}

/** No keep-alive: the bench's own connections must not count among the bus's sockets. */
function subscriptionsOf(eventBusUrl: string): Promise<Subscription[]> {
  return new Promise((resolve, reject) => {
    const request = get(`${eventBusUrl}/subscriptions`, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          resolve((JSON.parse(body) as { subscriptions: Subscription[] }).subscriptions);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    request.setTimeout(5000, () => request.destroy(new Error('no answer in 5 s')));
    request.on('error', reject);
  });
}
