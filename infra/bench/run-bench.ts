/**
 * `npm run bench`: builds the apps, then measures the blog and prints the figures (no thresholds:
 * figures depend on the machine). In memory, and on MongoDB + NATS JetStream when they can be
 * found or started the way `npm test` does. Progress goes to stderr, the figures to stdout.
 */
import { BlogClient } from '../e2e/src/blog-client';
import { findRealBackends, type RealBackends } from './src/backends';
import { buildApps } from './src/build-apps';
import { OUTAGE, runBusOutage } from './src/bus-outage';
import { machineFacts } from './src/machine';
import { onFreshStack, type Mode } from './src/modes';
import { startReferenceServer } from './src/reference-server';
import {
  outageTable,
  sustainedSummary,
  sustainedTable,
  throughputTable,
  visibilityTable,
  type ModeFigures,
} from './src/report';
import { SUSTAINED, runSustainedLoad } from './src/sustained-load';
import { WATCH_METHOD, writeAndWatch } from './src/write-and-watch';
import { THROUGHPUT_SETUP, measureWriteThroughput } from './src/write-throughput';

const VISIBILITY = { perSecond: 200, warmUpMs: 3000, durationMs: 15_000, settleMs: 15_000 };

const startedAt = Date.now();
const progress = (text: string) => {
  const elapsed = Math.round((Date.now() - startedAt) / 1000);
  process.stderr.write(`bench [${elapsed} s]: ${text}\n`);
};
const print = (text = '') => process.stdout.write(`${text}\n`);

async function measureReference() {
  const reference = await startReferenceServer();
  try {
    return await measureWriteThroughput(reference.url);
  } finally {
    await reference.stop();
  }
}

async function measureMode(mode: Mode): Promise<ModeFigures> {
  progress(`${mode.name}: write throughput`);
  const throughput = await onFreshStack(mode, ({ stack }) =>
    measureWriteThroughput(stack.urls.posts),
  );
  progress(`${mode.name}: write to visible`);
  const visibility = await onFreshStack(mode, async ({ stack }) => {
    const client = new BlogClient(stack.urls);
    const watched = await writeAndWatch(client, VISIBILITY);
    client.close();
    return watched;
  });
  progress(`${mode.name}: sockets and memory around ${SUSTAINED.durationMs / 1000} s of load`);
  const sustained = await onFreshStack(mode, runSustainedLoad);
  progress(`${mode.name}: the event-bus killed under load`);
  const outage = await onFreshStack(mode, runBusOutage);
  return { mode: mode.name, throughput, visibility, sustained, outage };
}

function realMode({ mongo, nats }: RealBackends): Mode | undefined {
  if (!mongo.url || !nats.url) return undefined;
  return { name: 'MongoDB + NATS', mongoUrl: mongo.url, natsUrl: nats.url };
}

function printFigures(reference: ModeFigures['throughput'], modes: ModeFigures[]): void {
  print(`## Write throughput (${THROUGHPUT_SETUP})`);
  print();
  print(throughputTable(reference, modes));
  print();
  print(
    `## Write to visible (${VISIBILITY.perSecond} posts/s for ${VISIBILITY.durationMs / 1000} s, ` +
      `open loop, after ${VISIBILITY.warmUpMs / 1000} s of the same; from the 201 of POST /posts ` +
      `to the post in GET /posts/:id of query)`,
  );
  print();
  print(visibilityTable(modes));
  print();
  print(`Measured so: ${WATCH_METHOD}.`);
  print();
  print(
    `## The course's fault (${OUTAGE.perSecond} posts/s for ${OUTAGE.durationMs / 1000} s, ` +
      `event-bus SIGKILLed at ${OUTAGE.killAtMs / 1000} s, started again ` +
      `${OUTAGE.downForMs / 1000} s later; missing: not in query ${OUTAGE.settleMs / 1000} s after the last write)`,
  );
  print();
  print(outageTable(modes));
  print();
  print(
    `## Open sockets and RSS of each service, before -> after ${SUSTAINED.durationMs / 1000} s ` +
      `at ${SUSTAINED.perSecond} writes/s (posts and comments in turn)`,
  );
  print();
  print(sustainedTable(modes));
  print();
  for (const line of sustainedSummary(modes)) print(`- ${line}`);
}

async function main(): Promise<void> {
  const facts = machineFacts();
  progress('building the apps');
  await buildApps();
  progress('looking for MongoDB and NATS');
  const backends = await findRealBackends();
  try {
    const modes: Mode[] = [{ name: 'in memory' }];
    const real = realMode(backends);
    if (real) modes.push(real);
    progress('express hello-world: write throughput');
    const reference = await measureReference();
    const figures: ModeFigures[] = [];
    for (const mode of modes) figures.push(await measureMode(mode));

    print('# Blog benchmark');
    print();
    for (const fact of facts) print(`    ${fact}`);
    print(`    MongoDB: ${backends.mongo.url ?? 'none'} (${backends.mongo.source})`);
    print(`    NATS:    ${backends.nats.url ?? 'none'} (${backends.nats.source})`);
    print();
    printFigures(reference, figures);
  } finally {
    await backends.release();
  }
}

main().then(
  // Clients' keep-alive connections and the like must not keep the bench alive.
  () => process.exit(0),
  (error: unknown) => {
    progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
