import { HttpEventPublisher, OutboxRelay } from '@blog/messaging';
import { chooseStore } from '@blog/mongo';
import { defineService, serviceUrl } from '@blog/service-kit';
import { z } from 'zod';
import { postsApi } from './openapi';
import { postRoutes } from './routes';
import { MemoryPostStore } from './store/memory-post-store';
import { MongoPostStore } from './store/mongo-post-store';
import type { PostStore } from './store/post-store';

export const postsService = defineService({
  name: 'posts',
  defaultPort: 4000,
  config: {
    /** This service's own database; unset means in memory. */
    MONGO_URL: z.string().optional(),
    EVENT_BUS_URL: serviceUrl.default('http://localhost:4005'),
  },
  create({ config, logger }) {
    const storage = chooseStore<PostStore>(config.MONGO_URL, logger, {
      memory: () => new MemoryPostStore(),
      mongo: (database) => new MongoPostStore(database),
    });
    const relay = new OutboxRelay(
      storage.store,
      HttpEventPublisher.forBus(config.EVENT_BUS_URL),
      logger,
    );
    return {
      routes: (app) => app.use(postRoutes(storage.store, () => relay.notify())),
      readiness: storage.readiness,
      workers: [relay],
      close: () => storage.close(),
      openapi: postsApi,
    };
  },
});
