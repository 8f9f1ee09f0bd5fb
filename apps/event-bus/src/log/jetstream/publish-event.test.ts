import { sampleEvents } from '@blog/testing';
import type { PubAck } from '@nats-io/jetstream';
import { publishEvent } from './publish-event';

/**
 * The path a single server never takes (it always knows the original's seq), so it is driven by
 * scripted acks; everything else about publishing runs against JetStream in the contract suite.
 */
describe('publishEvent, for a duplicate whose original a cluster is still storing', () => {
  const event = sampleEvents.postCreated();
  const ack = (seq: number, duplicate: boolean): PubAck => ({ stream: 'S', seq, duplicate });

  it('asks again until the ack carries the original seq', async () => {
    const acks = [ack(0, true), ack(0, true), ack(12, true)];
    const publish = jest.fn(() => Promise.resolve(acks.shift()!));
    expect(await publishEvent({ publish }, 'blog.events.PostCreated', event)).toEqual({
      seq: 12,
      duplicate: true,
    });
    expect(publish).toHaveBeenCalledTimes(3);
    expect(publish).toHaveBeenLastCalledWith('blog.events.PostCreated', JSON.stringify(event), {
      msgID: event.id,
    });
  });

  it('gives up (the bus then answers 503 and the publisher retries) if it never learns it', async () => {
    const publish = jest.fn(() => Promise.resolve(ack(0, true)));
    await expect(publishEvent({ publish }, 'blog.events.PostCreated', event)).rejects.toThrow(
      /no seq for duplicate event/,
    );
  });
});
