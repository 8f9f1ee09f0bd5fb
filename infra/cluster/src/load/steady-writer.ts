import { sleep } from '@blog/service-kit';
import type { Workload } from '../../../e2e/src/workload';

/**
 * Writes at a steady rate until stopped: task i starts at `i / perSecond` seconds whether or not
 * the earlier ones have finished (an open loop, like many independent users), a post and a
 * comment in turn. `stop()` resolves with the number of writes once every one has settled.
 */
export function steadyWriter(workload: Workload, perSecond: number) {
  const running: Promise<unknown>[] = [];
  let stopped = false;
  const loop = (async () => {
    const start = performance.now();
    for (let index = 0; !stopped; index += 1) {
      const wait = start + (index * 1000) / perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      running.push(workload.write(index));
    }
  })();
  return {
    async stop(): Promise<number> {
      stopped = true;
      await loop;
      await Promise.allSettled(running);
      return running.length;
    },
  };
}
