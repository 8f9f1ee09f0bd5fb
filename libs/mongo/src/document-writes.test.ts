import { createLogger } from '@blog/service-kit';
import { describeWithMongo, dropDatabase, uniqueMongoUrl } from '@blog/testing';
import { Schema } from 'mongoose';
import { MongoDatabase } from './database';
import { serializeWrites } from './document-writes';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A write that notes in `log` when it starts and ends, taking a moment in between. */
const loggedWrite = (log: string[]) => (name: string) => async () => {
  log.push(`${name} start`);
  await tick();
  log.push(`${name} end`);
};

describe('serializeWrites', () => {
  const model = { modelName: 'Thing' };

  it('runs writes to the same document one after the other, in call order', async () => {
    const log: string[] = [];
    const write = loggedWrite(log);
    await Promise.all([
      serializeWrites(model, ['a'], write('first')),
      serializeWrites(model, ['a'], write('second')),
    ]);
    expect(log).toEqual(['first start', 'first end', 'second start', 'second end']);
  });

  it('lets writes to different documents overlap', async () => {
    const log: string[] = [];
    const write = loggedWrite(log);
    await Promise.all([
      serializeWrites(model, ['a'], write('a')),
      serializeWrites(model, ['b'], write('b')),
    ]);
    expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
  });

  it('does not deadlock two multi-document writes that name the documents in opposite order', async () => {
    const results = await Promise.all([
      serializeWrites(model, ['a', 'b'], async () => (await tick(), 1)),
      serializeWrites(model, ['b', 'a'], async () => (await tick(), 2)),
    ]);
    expect(results).toEqual([1, 2]);
  });

  it('releases the document when a write fails', async () => {
    await expect(
      serializeWrites(model, ['a'], () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(serializeWrites(model, ['a'], () => Promise.resolve('next'))).resolves.toBe(
      'next',
    );
  });
});

describeWithMongo('serializeWrites on the configured server', () => {
  let url: string;
  let database: MongoDatabase;

  beforeAll(async () => {
    url = uniqueMongoUrl('document_writes');
    database = new MongoDatabase(url, createLogger('test', 'silent'));
    await database.connect();
  });

  afterAll(async () => {
    await database.close();
    await dropDatabase(url);
  });

  it('keeps every one of many overlapping updates of one document', async () => {
    const counters = database.model(
      'Counter',
      new Schema<{ _id: string; n: number }>({ _id: String, n: Number }, { versionKey: false }),
    );
    await counters.create({ _id: 'hits', n: 0 });
    await Promise.all(
      Array.from({ length: 40 }, () =>
        serializeWrites(counters, ['hits'], () =>
          counters.updateOne({ _id: 'hits' }, { $inc: { n: 1 } }),
        ),
      ),
    );
    expect((await counters.findById('hits').lean())?.n).toBe(40);
  });
});
