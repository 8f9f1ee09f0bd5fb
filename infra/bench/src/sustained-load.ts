import { BlogClient } from '../../e2e/src/blog-client';
import type { BlogStack } from '../../e2e/src/blog-stack';
import { paced } from '../../e2e/src/pace';
import { Workload } from '../../e2e/src/workload';
import type { ServiceName } from '../../local/src';
import { untilAllDelivered } from './deliveries';
import { processFigures, servicePids, type ProcessFigures } from './processes';

export interface LoadFigures {
  writes: number;
  refused: Record<string, number>;
  /** Whether every event had reached every subscriber when `after` was taken. */
  settled: boolean;
  before: Record<ServiceName, ProcessFigures>;
  after: Record<ServiceName, ProcessFigures>;
}

export const SUSTAINED = {
  perSecond: 200,
  warmUpMs: 5000,
  warmUpSettleMs: 5000,
  durationMs: 60_000,
  settleMs: 15_000,
};

/**
 * Open sockets and memory of each service before and after a minute of posts and comments at
 * 200 writes a second. A leak (the course's query never answers the bus: one socket per event)
 * shows as a count that grows with the load instead of staying put. Both snapshots are taken
 * once every event is delivered and with the bench's own keep-alive connections closed, after
 * a short warm-up that opens the connections the services keep.
 */
export async function runSustainedLoad({ stack }: BlogStack): Promise<LoadFigures> {
  const pids = servicePids();
  const snapshot = () =>
    Object.fromEntries(
      Object.entries(pids).map(([service, pid]) => [service, processFigures(pid)]),
    ) as Record<ServiceName, ProcessFigures>;
  const client = new BlogClient(stack.urls);
  const writing = (workload: Workload) => (index: number) => workload.write(index);

  await paced(SUSTAINED.perSecond, SUSTAINED.warmUpMs, writing(new Workload(client)));
  await untilAllDelivered(stack.urls.eventBus, SUSTAINED.warmUpSettleMs);
  client.close();
  const before = snapshot();

  const load = new Workload(client);
  const writes = await paced(SUSTAINED.perSecond, SUSTAINED.durationMs, writing(load));
  const settled = await untilAllDelivered(stack.urls.eventBus, SUSTAINED.settleMs);
  client.close();
  return { writes, refused: load.failures, settled, before, after: snapshot() };
}
