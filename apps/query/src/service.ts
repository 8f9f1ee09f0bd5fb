import { EventLogReader, eventReceiver } from '@blog/messaging';
import { chooseStore } from '@blog/mongo';
import { defineService, serviceUrl } from '@blog/service-kit';
import { z } from 'zod';
import { LogCatchUp } from './catch-up';
import { readModelHandlers } from './handlers';
import { queryApi } from './openapi';
import { queryRoutes } from './routes';
import { PostStream } from './stream/post-stream';
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
    /** Clients of GET /posts/stream one instance serves at a time. */
    STREAM_MAX_CLIENTS: z.coerce.number().int().min(1).default(500),
    /** While streams are open, how often the event-bus log is read for new events. */
    STREAM_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(250),
  },
  create({ config, logger, metrics }) {
    const storage = chooseStore<ReadModelStore>(config.MONGO_URL, logger, {
      memory: () => new MemoryReadModelStore(),
      mongo: (database) => new MongoReadModelStore(database),
    });
    const handlers = readModelHandlers(storage.store);
    // Fed by the bus's log, which has what every replica applied, not by this one's deliveries.
    const stream = new PostStream(EventLogReader.forBus(config.EVENT_BUS_URL), logger, metrics, {
      maxClients: config.STREAM_MAX_CLIENTS,
      pollIntervalMs: config.STREAM_POLL_INTERVAL_MS,
    });
    // A memory store starts empty, so it replays the log. MongoDB keeps the model, and the bus's
    // durable subscription delivers what happened while the service was away.
    const catchUp =
      storage.kind === 'memory'
        ? new LogCatchUp(EventLogReader.forBus(config.EVENT_BUS_URL), handlers, logger)
        : undefined;
    return {
      routes: (app) => app.use(eventReceiver(handlers), queryRoutes(storage.store, stream)),
      readiness: catchUp ? [...storage.readiness, catchUp.readinessCheck()] : storage.readiness,
      workers: catchUp ? [catchUp] : [],
      endLongRequests: () => stream.endAll(),
      close: () => storage.close(),
      openapi: queryApi,
    };
  },
});
