import type { BlogEvent } from '@blog/contracts';
import type { OutboxStore } from '@blog/messaging';

export interface OutboxFixture {
  outbox: OutboxStore;
  /** Creates an aggregate with its first events, the way the service's write path does. */
  create(): Promise<{ aggregateId: string; events: BlogEvent[] }>;
}

export interface ChangingOutboxFixture extends OutboxFixture {
  /** Adds an event to an existing aggregate, the way the service's update path does. */
  append(aggregateId: string): Promise<BlogEvent>;
}

const ids = (events: BlogEvent[]) => events.map((event) => event.id);

/**
 * What every OutboxStore must do, whatever holds it. Each adapter's test file calls this with a
 * fixture, so the in-memory and MongoDB stores pass exactly the same assertions.
 */
export function outboxStoreContract(makeFixture: () => Promise<OutboxFixture>): void {
  describe('as an outbox', () => {
    let fixture: OutboxFixture;
    beforeEach(async () => {
      fixture = await makeFixture();
    });

    it('lists unpublished events, oldest aggregate first', async () => {
      const first = await fixture.create();
      const second = await fixture.create();
      const entries = await fixture.outbox.pendingOutbox(10);
      expect(entries.map((entry) => entry.aggregateId)).toEqual([
        first.aggregateId,
        second.aggregateId,
      ]);
      expect(ids(entries.flatMap((entry) => entry.events))).toEqual(
        ids([...first.events, ...second.events]),
      );
    });

    it('returns at most `limit` aggregates', async () => {
      await fixture.create();
      await fixture.create();
      await fixture.create();
      expect(await fixture.outbox.pendingOutbox(2)).toHaveLength(2);
    });

    it('forgets events once they are marked published', async () => {
      const published = await fixture.create();
      const kept = await fixture.create();
      const [entry] = await fixture.outbox.pendingOutbox(1);
      await fixture.outbox.markPublished([entry!]);
      const left = await fixture.outbox.pendingOutbox(10);
      expect(left.map((e) => e.aggregateId)).toEqual([kept.aggregateId]);
      expect(left.map((e) => e.aggregateId)).not.toContain(published.aggregateId);
    });

    it('ignores a second mark of the same entry (two relays racing)', async () => {
      await fixture.create();
      const entries = await fixture.outbox.pendingOutbox(10);
      await fixture.outbox.markPublished(entries);
      const late = await fixture.create();
      await fixture.outbox.markPublished(entries);
      const left = await fixture.outbox.pendingOutbox(10);
      expect(left.map((e) => e.aggregateId)).toEqual([late.aggregateId]);
    });
  });
}

/** The contract for stores whose aggregates gain events after creation (comments do, posts do not). */
export function changingOutboxStoreContract(
  makeFixture: () => Promise<ChangingOutboxFixture>,
): void {
  outboxStoreContract(makeFixture);

  describe('as the outbox of aggregates that change', () => {
    let fixture: ChangingOutboxFixture;
    beforeEach(async () => {
      fixture = await makeFixture();
    });

    it('keeps an event appended after the entry was read', async () => {
      const { aggregateId, events } = await fixture.create();
      const [entry] = await fixture.outbox.pendingOutbox(10);
      const appended = await fixture.append(aggregateId);
      await fixture.outbox.markPublished([entry!]);
      const [left] = await fixture.outbox.pendingOutbox(10);
      expect(ids(left!.events)).toEqual([appended.id]);
      expect(ids(left!.events)).not.toContain(events[0]!.id);
    });

    it('does not let a stale mark hide an appended event', async () => {
      const { aggregateId } = await fixture.create();
      const [staleEntry] = await fixture.outbox.pendingOutbox(10);
      await fixture.outbox.markPublished([staleEntry!]);
      const appended = await fixture.append(aggregateId);
      await fixture.outbox.markPublished([staleEntry!]);
      const [left] = await fixture.outbox.pendingOutbox(10);
      expect(ids(left!.events)).toEqual([appended.id]);
    });
  });
}
