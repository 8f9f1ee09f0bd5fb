import { AckPolicy, DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { JetStreamClients } from './nats-connection';

export interface StreamRange {
  /** Seq of the first message to read (the stream starts at 1). */
  from: number;
  limit: number;
  /** Only the messages of this subject. */
  subject?: string;
}

/** The server deletes a reader left behind (by a crash) after this long without use. */
const READER_IDLE_MS = 30_000;
const FETCH_EXPIRES_MS = 10_000;

/**
 * Reads a range of a stream, in order, without acking anything: through a short-lived consumer
 * that starts at `from` and says how many messages it has, so exactly those are fetched, in one
 * batch, instead of one request per message or a wait for messages that will not come.
 */
export async function readStream(
  { js, jsm }: JetStreamClients,
  stream: string,
  { from, limit, subject }: StreamRange,
): Promise<JsMsg[]> {
  const reader = await jsm.consumers.add(stream, {
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: from,
    ...(subject === undefined ? {} : { filter_subject: subject }),
    mem_storage: true,
    inactive_threshold: nanos(READER_IDLE_MS),
  });
  try {
    const wanted = Math.min(limit, reader.num_pending);
    if (wanted === 0) return [];
    const messages = await js.consumers
      .getConsumerFromInfo(reader)
      .fetch({ max_messages: wanted, expires: FETCH_EXPIRES_MS });
    const read: JsMsg[] = [];
    for await (const message of messages) read.push(message);
    // A short page would end the reader's paging early, as if the log ended there.
    if (read.length < wanted) throw new Error(`read ${read.length} of ${wanted} from ${stream}`);
    return read;
  } finally {
    await jsm.consumers.delete(stream, reader.name).catch(() => {
      // Left to the server, which deletes it after READER_IDLE_MS.
    });
  }
}
