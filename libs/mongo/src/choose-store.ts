import type { Logger, ReadinessCheck } from '@blog/service-kit';
import { MongoDatabase } from './database';

export interface ChosenStore<S> {
  store: S;
  kind: 'mongodb' | 'memory';
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

/**
 * MongoDB when `mongoUrl` is set, otherwise the in-memory store of the zero-dependency mode.
 * Connecting starts at once, in the background: the service listens either way.
 */
export function chooseStore<S>(
  mongoUrl: string | undefined,
  logger: Logger,
  factories: { memory(): S; mongo(database: MongoDatabase): S },
): ChosenStore<S> {
  if (!mongoUrl) {
    logger.info('storage: in memory (set MONGO_URL to use MongoDB)');
    return {
      store: factories.memory(),
      kind: 'memory',
      readiness: [],
      close: () => Promise.resolve(),
    };
  }
  const database = new MongoDatabase(mongoUrl, logger);
  const store = factories.mongo(database);
  void database.connect();
  logger.info('storage: MongoDB');
  return {
    store,
    kind: 'mongodb',
    readiness: [database.readinessCheck()],
    close: () => database.close(),
  };
}
