import { MongoDatabase } from '@blog/mongo';
import { createLogger } from '@blog/service-kit';
import { dropDatabase, uniqueMongoUrl } from './backends';

export interface TestDatabase {
  readonly database: MongoDatabase;
  readonly url: string;
  /** Empties the collections of every registered model, for a clean state per test. */
  clear(): Promise<void>;
}

/**
 * A MongoDatabase on a database of the suite's own: connected before the suite's tests (after
 * `registerModels` has declared the models, so their indexes exist), dropped after them.
 * Call inside a `describeWithMongo` block.
 */
export function useTestDatabase(
  prefix: string,
  registerModels: (database: MongoDatabase) => unknown = () => undefined,
): TestDatabase {
  let database: MongoDatabase | undefined;
  let url: string | undefined;
  beforeAll(async () => {
    url = uniqueMongoUrl(prefix);
    database = new MongoDatabase(url, createLogger('test', 'silent'));
    registerModels(database);
    await database.connect();
  });
  afterAll(async () => {
    await database?.close();
    if (url) await dropDatabase(url);
  });
  return {
    clear: () =>
      Promise.all(
        Object.values(database?.connection.models ?? {}).map((model) => model.deleteMany({})),
      ).then(() => undefined),
    get database() {
      if (!database) throw new Error('useTestDatabase: the database exists only inside tests');
      return database;
    },
    get url() {
      if (!url) throw new Error('useTestDatabase: the url exists only inside tests');
      return url;
    },
  };
}
