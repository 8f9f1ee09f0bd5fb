import { newId } from '@blog/contracts';
import { createLogger } from '@blog/service-kit';
import {
  changingOutboxStoreContract,
  describeWithMongo,
  dropDatabase,
  sampleEvents,
  uniqueMongoUrl,
} from '@blog/testing';
import type { Model } from 'mongoose';
import { noteSchema, type NoteDocument } from '../test/test-model';
import { MongoDatabase } from './database';
import { MongoOutbox, appendToOutbox, outboxOf } from './outbox';

describeWithMongo('MongoOutbox', () => {
  let url: string;
  let database: MongoDatabase;
  let notes: Model<NoteDocument>;

  beforeAll(async () => {
    url = uniqueMongoUrl('mongo_outbox');
    database = new MongoDatabase(url, createLogger('test', 'silent'));
    notes = database.model('Note', noteSchema());
    await database.connect();
  });

  afterAll(async () => {
    await database.close();
    await dropDatabase(url);
  });

  async function createNote() {
    const aggregateId = newId();
    const events = [sampleEvents.commentCreated({ id: aggregateId })];
    await notes.create({ _id: aggregateId, text: 'first', ...outboxOf(...events) });
    return { aggregateId, events };
  }

  /** A change and the event announcing it, in one single-document write. */
  async function changeNote(aggregateId: string) {
    const event = sampleEvents.commentUpdated({ id: aggregateId });
    await notes.updateOne(
      { _id: aggregateId },
      { $set: { text: 'changed' }, ...appendToOutbox(event) },
    );
    return event;
  }

  changingOutboxStoreContract(async () => {
    await notes.deleteMany({});
    return { outbox: new MongoOutbox(notes), create: createNote, append: changeNote };
  });

  it('creates the index the relay reads by when connecting', async () => {
    const indexes = await notes.collection.indexes();
    expect(indexes.map((index) => index.key)).toContainEqual({ outboxPending: 1 });
  });

  it('keeps published events in the document as its history', async () => {
    const outbox = new MongoOutbox(notes);
    await notes.deleteMany({});
    const { aggregateId, events } = await createNote();
    const changed = await changeNote(aggregateId);
    await outbox.markPublished(await outbox.pendingOutbox(10));

    const stored = await notes.findById(aggregateId).lean<NoteDocument>();
    expect(stored).toMatchObject({ text: 'changed', outboxPublished: 2, outboxPending: 0 });
    expect(stored?.outbox.map((event) => event.id)).toEqual([events[0]!.id, changed.id]);
    expect(await outbox.pendingOutbox(10)).toEqual([]);
  });

  it('marks more entries published at once than FerretDB takes in one update command', async () => {
    const outbox = new MongoOutbox(notes);
    await notes.deleteMany({});
    for (let count = 0; count < 120; count += 1) await createNote();
    await outbox.markPublished(await outbox.pendingOutbox(120));
    expect(await outbox.pendingOutbox(10)).toEqual([]);
  });

  it('leaves the API shape free of outbox fields', async () => {
    await notes.deleteMany({});
    const { aggregateId } = await createNote();
    const note = await notes.findById(aggregateId);
    expect(note?.toJSON()).toEqual({ id: aggregateId, text: 'first' });
  });
});
