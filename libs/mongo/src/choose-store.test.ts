import { createLogger } from '@blog/service-kit';
import { describeWithMongo, dropDatabase, eventually, uniqueMongoUrl } from '@blog/testing';
import { chooseStore } from './choose-store';
import { MongoDatabase } from './database';

const logger = createLogger('test', 'silent');

/** The factories of a service whose store is a tag saying which one was built. */
function factories() {
  const built: { database?: MongoDatabase } = {};
  return {
    built,
    factories: {
      memory: () => 'memory store',
      mongo: (database: MongoDatabase) => {
        built.database = database;
        return 'mongo store';
      },
    },
  };
}

describe('chooseStore', () => {
  it('keeps data in memory without a MongoDB URL, with nothing to wait for', async () => {
    const { built, factories: made } = factories();
    const chosen = chooseStore(undefined, logger, made);
    expect(chosen).toMatchObject({ store: 'memory store', kind: 'memory', readiness: [] });
    expect(built.database).toBeUndefined();
    await chosen.close();
  });

  it('uses MongoDB when given a URL, and is not ready while it cannot connect', async () => {
    const { built, factories: made } = factories();
    const chosen = chooseStore('mongodb://127.0.0.1:1/unreachable', logger, made);
    try {
      expect(chosen).toMatchObject({ store: 'mongo store', kind: 'mongodb' });
      expect(built.database).toBeInstanceOf(MongoDatabase);
      expect(chosen.readiness.map((check) => check.name)).toEqual(['mongodb']);
      expect(await chosen.readiness[0]!.check()).toBe(false);
    } finally {
      await chosen.close();
    }
  });
});

describeWithMongo('chooseStore with a reachable MongoDB', () => {
  it('connects in the background and becomes ready', async () => {
    const url = uniqueMongoUrl('choose_store');
    const chosen = chooseStore(url, logger, factories().factories);
    try {
      await eventually(async () => expect(await chosen.readiness[0]!.check()).toBe(true), {
        timeoutMs: 10_000,
      });
    } finally {
      await chosen.close();
      await dropDatabase(url);
    }
  });
});
