import { sleep } from '@blog/service-kit';
import { BlogClient } from '../../e2e/src/blog-client';
import type { BlogStack } from '../../e2e/src/blog-stack';
import { writeAndWatch, type WatchedWrites } from './write-and-watch';

export interface OutageFigures extends WatchedWrites {
  /** Services that ended on their own during the run (the event-bus's kill does not count). */
  crashed: string[];
  /** How long the event-bus took to answer /readyz again after its restart began. */
  busBackAfterMs: number;
}

export const OUTAGE = {
  perSecond: 200,
  killAtMs: 3000,
  downForMs: 2000,
  durationMs: 10_000,
  settleMs: 15_000,
};

/**
 * The course's fault: posts written at 200 a second, the event-bus killed (SIGKILL) after 3 s and
 * started again 2 s later, writes going on to 10 s. Then every accepted post has 15 s to show up
 * in query; those that do not are lost.
 */
export async function runBusOutage({ stack, crashes }: BlogStack): Promise<OutageFigures> {
  const client = new BlogClient(stack.urls);
  const writes = writeAndWatch(client, OUTAGE);
  await sleep(OUTAGE.killAtMs);
  await stack.stopService('event-bus', 'SIGKILL');
  await sleep(OUTAGE.downForMs);
  const restartedAt = performance.now();
  await stack.startService('event-bus');
  const busBackAfterMs = performance.now() - restartedAt;
  const watched = await writes;
  client.close();
  return {
    ...watched,
    crashed: crashes.map((crash) => crash.split('\n')[0] ?? crash),
    busBackAfterMs,
  };
}
