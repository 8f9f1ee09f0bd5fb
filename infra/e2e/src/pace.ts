import { sleep } from '@blog/service-kit';

/**
 * Starts `task(0)`, `task(1)`, ... at `perSecond` a second for `durationMs`, each on its schedule
 * whether or not the earlier ones have finished: an open loop, like many independent users. A
 * system that slows down then has more requests in flight, and its latency shows, instead of
 * being sent fewer requests (the flaw of a closed loop). Resolves with the number of tasks once
 * every one has settled; a task's failure is its own business.
 */
export async function paced(
  perSecond: number,
  durationMs: number,
  task: (index: number) => Promise<unknown>,
): Promise<number> {
  const count = Math.floor((perSecond * durationMs) / 1000);
  const start = performance.now();
  const running: Promise<unknown>[] = [];
  for (let index = 0; index < count; index += 1) {
    const wait = start + (index * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    running.push(task(index));
  }
  await Promise.allSettled(running);
  return count;
}
