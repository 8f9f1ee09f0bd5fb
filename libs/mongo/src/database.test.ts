import { DependencyUnavailableError, Health, createLogger } from '@blog/service-kit';
import {
  backends,
  describeWithMongo,
  dropDatabase,
  eventually,
  TcpProxy,
  uniqueMongoUrl,
} from '@blog/testing';
import type { Model } from 'mongoose';
import { noteSchema, type NoteDocument } from '../test/test-model';
import { MongoDatabase } from './database';
import { withDatabase } from './errors';

/** Settles with 'timed out' when `promise` takes longer than a generous `ms`: it must not queue. */
function withinGenerously<T>(promise: Promise<T>, ms = 5000): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describeWithMongo('MongoDatabase through an outage', () => {
  let proxy: TcpProxy;
  let url: string;
  let database: MongoDatabase;
  let notes: Model<NoteDocument>;

  beforeEach(async () => {
    const real = new URL(backends.mongoUrl!);
    proxy = await TcpProxy.start({ host: real.hostname, port: Number(real.port || 27017) });
    const proxied = new URL(uniqueMongoUrl('mongo_database'));
    proxied.host = `127.0.0.1:${proxy.port}`;
    // Talk to this one server, never to hosts it announces, so every byte goes through the proxy.
    proxied.searchParams.set('directConnection', 'true');
    url = proxied.toString();
    database = new MongoDatabase(url, createLogger('test', 'silent'), {
      serverSelectionTimeoutMS: 1000,
      backoff: { initialMs: 50, maxMs: 500 },
    });
    notes = database.model('Note', noteSchema());
  });

  afterEach(async () => {
    await database.close();
    proxy.accept();
    await dropDatabase(url);
    await proxy.close();
  });

  /** Readiness as the service reports it on /readyz: a check that throws or hangs is down. */
  const ready = async () => (await new Health([database.readinessCheck()]).readiness()).ready;

  it('is not ready and fails operations at once while the server cannot be reached', async () => {
    void database.connect();
    expect(await ready()).toBe(false);
    expect(database.isConnected).toBe(false);
    const attempt = withDatabase(() => notes.find().lean());
    const outcome = await withinGenerously(attempt.catch((error: unknown) => error));
    expect(outcome).toBeInstanceOf(DependencyUnavailableError);
    expect(outcome).toMatchObject({ dependency: 'mongodb' });
  });

  it('connects by itself once the server becomes reachable, indexes included', async () => {
    void database.connect();
    await eventually(() => expect(proxy.refused).toBeGreaterThanOrEqual(3), { timeoutMs: 15_000 });
    expect(await ready()).toBe(false);

    proxy.accept();
    await eventually(async () => expect(await ready()).toBe(true), { timeoutMs: 15_000 });
    await withDatabase(() => notes.create({ _id: 'n1', text: 'hello' }));
    expect(await notes.findById('n1').lean()).toMatchObject({ text: 'hello' });
    const indexes = await notes.collection.indexes();
    expect(indexes.map((index) => index.key)).toContainEqual({ outboxPending: 1 });
  });

  it('connects once a host that took connections and never answered starts answering', async () => {
    proxy.goSilent();
    void database.connect();
    await new Promise((resolve) => setTimeout(resolve, 500));
    proxy.accept();
    await eventually(async () => expect(await ready()).toBe(true), { timeoutMs: 15_000 });
  });

  it('answers 503-worthy errors during an outage and works again after it', async () => {
    proxy.accept();
    await database.connect();
    expect(await ready()).toBe(true);

    proxy.refuse();
    await expect(withDatabase(() => notes.find().lean())).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    expect(await ready()).toBe(false);

    proxy.accept();
    await eventually(() => withDatabase(() => notes.create({ _id: 'after', text: 'back' })), {
      timeoutMs: 15_000,
      intervalMs: 200,
    });
    expect(await notes.findById('after').lean()).toMatchObject({ text: 'back' });
  });

  it('stops trying when closed before it ever connected', async () => {
    const connecting = database.connect();
    await eventually(() => expect(proxy.refused).toBeGreaterThanOrEqual(1));
    await database.close();
    await connecting;
    const attempts = proxy.refused;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(proxy.refused).toBe(attempts);
    expect(database.isConnected).toBe(false);
  });
});

describe('MongoDatabase.model', () => {
  it('registers a model once per name and never buffers its operations', () => {
    const database = new MongoDatabase(
      'mongodb://127.0.0.1:1/none',
      createLogger('test', 'silent'),
    );
    const first = database.model('Note', noteSchema());
    expect(database.model('Note', noteSchema())).toBe(first);
    expect(first.schema.get('bufferCommands')).toBe(false);
  });
});
