import { newId } from '@blog/contracts';
import { changingOutboxStoreContract, sampleEvents } from '@blog/testing';
import { MemoryOutbox } from './outbox';

describe('MemoryOutbox', () => {
  changingOutboxStoreContract(() => {
    const outbox = new MemoryOutbox();
    return Promise.resolve({
      outbox,
      create: () => {
        const aggregateId = newId();
        const events = [sampleEvents.commentCreated({ id: aggregateId })];
        outbox.append(aggregateId, ...events);
        return Promise.resolve({ aggregateId, events });
      },
      append: (aggregateId) => {
        const event = sampleEvents.commentUpdated({ id: aggregateId });
        outbox.append(aggregateId, event);
        return Promise.resolve(event);
      },
    });
  });

  it('hands out several events of one aggregate in one entry, in write order', async () => {
    const outbox = new MemoryOutbox();
    const created = sampleEvents.commentCreated();
    const updated = sampleEvents.commentUpdated({ id: created.data.id });
    outbox.append(created.data.id, created);
    outbox.append(created.data.id, updated);
    expect(await outbox.pendingOutbox(10)).toEqual([
      { aggregateId: created.data.id, publishedCount: 0, events: [created, updated] },
    ]);
  });
});
