/* eslint-disable no-console -- the counts are this test's report: CI output must show them */
import { backends, describeWithMongo, describeWithNats, eventually } from '@blog/testing';
import { BlogClient } from '../src/blog-client';
import { Workload } from '../src/workload';
import { RealBackends } from './support/real-backends';
import {
  expectedEventsInLog,
  untilQueryShowsExactly,
  workloadEventsInLog,
} from './support/settled-blog';

const BURST = 2000;
/** Clients writing at once, each as fast as its answers come. */
const CLIENTS = 8;
/**
 * On MongoDB the 2,000 events are everywhere seconds after the burst. FerretDB on SQLite finds a
 * document by index only when the filter is `{ _id }` alone, so each compare-and-set of the
 * outbox relay (`{ _id, outboxPublished }`) reads the whole collection: there, draining the
 * burst takes about three minutes on two cores.
 */
const SETTLE_MS = 300_000;

/**
 * The course's blog loses a fifth of its posts when the event-bus goes away under load. Here
 * the posts wait in the outbox of the posts service while the bus is dead, and JetStream keeps
 * the log while the bus restarts.
 */
describeWithMongo('a burst of 2,000 posts', () => {
  describeWithNats('with the event-bus killed and restarted in the middle', () => {
    const real = new RealBackends();
    afterEach(() => real.cleanUp());

    it(
      'ends with query holding exactly the 2,000 posts, each logged once',
      async () => {
        const { stack, crashes } = await real.startStack(backends.natsUrl!);
        const client = new BlogClient(stack.urls);
        const workload = new Workload(client);

        let started = 0;
        const writeUntilDone = async () => {
          while (started < BURST) {
            started += 1;
            await workload.writePost();
          }
        };
        const burst = Promise.all(Array.from({ length: CLIENTS }, writeUntilDone));
        await eventually(() => expect(started).toBeGreaterThanOrEqual(BURST / 2), {
          timeoutMs: 60_000,
          intervalMs: 5,
        });
        await stack.stopService('event-bus', 'SIGKILL');
        const killedAt = started;
        await stack.startService('event-bus');
        await burst;

        try {
          await untilQueryShowsExactly(client, workload, { timeoutMs: SETTLE_MS });
        } finally {
          const logged = await workloadEventsInLog(client, workload);
          const inQuery = workload.own(await client.queriedPosts(workload.firstId)).length;
          console.log(
            [
              `burst of ${BURST} posts, event-bus killed (SIGKILL) after ${killedAt} and restarted:`,
              `  posts accepted (201):   ${workload.acceptedPosts}`,
              `  refused:                ${JSON.stringify(workload.failures)}`,
              `  PostCreated in the log: ${logged.PostCreated} (stored twice: ${logged.storedTwice})`,
              `  posts in query:         ${inQuery}`,
            ].join('\n'),
          );
        }
        expect(workload.acceptedPosts).toBe(BURST);
        expect(await workloadEventsInLog(client, workload)).toEqual(expectedEventsInLog(workload));
        expect(crashes).toEqual([]);
      },
      SETTLE_MS + 120_000,
    );
  });
});
