import type { BlogEvent } from '@blog/contracts';
import { sleep } from '@blog/service-kit';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { AppendResult } from '../event-log';

/** Times to ask again for the seq of a duplicate whose original is still being stored. */
const DUPLICATE_SEQ_TRIES = 20;
const DUPLICATE_SEQ_DELAY_MS = 50;

/**
 * Publishes one event with its id as `Nats-Msg-Id`, so JetStream stores it once. A duplicate's
 * ack carries the original's seq, except in a cluster while the original is still being stored
 * (seq 0): publishing again a moment later is then answered with it.
 */
export async function publishEvent(
  js: Pick<JetStreamClient, 'publish'>,
  subject: string,
  event: BlogEvent,
): Promise<AppendResult> {
  for (let tries = 1; ; tries += 1) {
    const ack = await js.publish(subject, JSON.stringify(event), { msgID: event.id });
    if (!ack.duplicate || ack.seq > 0) return { seq: ack.seq, duplicate: ack.duplicate };
    if (tries === DUPLICATE_SEQ_TRIES) throw new Error(`no seq for duplicate event ${event.id}`);
    await sleep(DUPLICATE_SEQ_DELAY_MS);
  }
}
