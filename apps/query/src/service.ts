import { EventLogReader, eventReceiver } from '@blog/messaging';
import { chooseStore } from '@blog/mongo';
import { defineService, serviceUrl } from '@blog/service-kit';
import { z } from 'zod';
import { LogCatchUp } from './catch-up';
import { readModelHandlers } from './handlers';
import { queryApi } from './openapi';
import { queryRoutes } from './routes';
import { MemoryReadModelStore } from './store/memory-read-model-store';
import { MongoReadModelStore } from './store/mongo-read-model-store';
import type { ReadModelStore } from './store/read-model-store';

export const queryService = defineService({
  name: 'query',
  defaultPort: 4002,
  config: {
    /** This service's own database; unset means in memory, rebuilt from the event-bus at start. */
    MONGO_URL: z.string().optional(),
    EVENT_BUS_URL: serviceUrl.default('http://localhost:4005'),
  },
  create({ config, logger }) {
    const storage = chooseStore<ReadModelStore>(config.MONGO_URL, logger, {
      memory: () => new MemoryReadModelStore(),
      mongo: (database) => new MongoReadModelStore(database),
    });
    const handlers = readModelHandlers(storage.store);
    // A memory store starts empty, so it replays the log. MongoDB keeps the model, and the bus's
    // durable subscription delivers what happened while the service was away.
    const catchUp =
      storage.kind === 'memory'
        ? new LogCatchUp(EventLogReader.forBus(config.EVENT_BUS_URL), handlers, logger)
        : undefined;
    return {
      routes: (app) => app.use(eventReceiver(handlers), queryRoutes(storage.store)),
      readiness: catchUp ? [...storage.readiness, catchUp.readinessCheck()] : storage.readiness,
      workers: catchUp ? [catchUp] : [],
      close: () => storage.close(),
      openapi: queryApi,
    };
  },
});
