import { createLogger } from '@blog/service-kit';
import {
  backends,
  deleteStreams,
  describeWithNats,
  eventually,
  sampleEvents,
  uniqueStream,
} from '@blog/testing';
import { eventLogContract } from '../event-log.contract';
import { JetStreamEventLog } from './jetstream-event-log';

describeWithNats('JetStreamEventLog', () => {
  const streams: string[] = [];
  const url = backends.natsUrl!;

  afterAll(() => deleteStreams(url, streams));

  /** A log of its own stream, once it is connected and its streams exist. */
  async function openLog(stream = uniqueStream()): Promise<JetStreamEventLog> {
    streams.push(stream.stream);
    const log = new JetStreamEventLog(
      { url, ...stream, duplicateWindowMs: 60_000, deliveryTimeoutMs: 2000 },
      createLogger('test', 'silent'),
    );
    await eventually(async () => expect(await log.readiness[0]!.check()).toBe(true), {
      timeoutMs: 10_000,
    });
    return log;
  }

  eventLogContract(() => openLog());

  describe('on JetStream', () => {
    const stopping = new AbortController();
    afterAll(() => stopping.abort());

    it('keeps a nak-ed event ahead of the next one while it waits (max_ack_pending 1)', async () => {
      const log = await openLog();
      try {
        const [first, second] = [sampleEvents.postCreated(), sampleEvents.postCreated()];
        await log.append([first, second]);
        const cursor = log.cursor('ordered');

        const delivery = await cursor.next(stopping.signal);
        expect(delivery).toMatchObject({ seq: 1, attempt: 1, event: first });
        await delivery!.retryAfter(1000);
        const nakedAt = Date.now();
        const again = await cursor.next(stopping.signal);
        expect(again).toMatchObject({ seq: 1, attempt: 2, event: first });
        // The delay is JetStream's, not an immediate redelivery.
        expect(Date.now() - nakedAt).toBeGreaterThanOrEqual(500);
        await again!.settle();
        expect(await cursor.next(stopping.signal)).toMatchObject({ seq: 2, attempt: 1 });
      } finally {
        await log.close();
      }
    });

    it('keeps each subscriber’s place and the ids it has seen across restarts of the bus', async () => {
      const stream = uniqueStream();
      const [first, second] = [sampleEvents.postCreated(), sampleEvents.postCreated()];
      const before = await openLog(stream);
      try {
        await before.append([first]);
        const delivery = await before.cursor('kept').next(stopping.signal);
        await delivery!.settle();
      } finally {
        await before.close();
      }

      const after = await openLog(stream);
      try {
        expect(await after.append([first, second])).toEqual([
          { seq: 1, duplicate: true },
          { seq: 2, duplicate: false },
        ]);
        const cursor = after.cursor('kept');
        expect(await cursor.state()).toMatchObject({ position: 1, lag: 1 });
        expect(await cursor.next(stopping.signal)).toMatchObject({ seq: 2, event: second });
      } finally {
        await after.close();
      }
    });
  });
});
