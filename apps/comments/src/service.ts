import { HttpEventPublisher, OutboxRelay, eventReceiver } from '@blog/messaging';
import { chooseStore } from '@blog/mongo';
import { createHttpClient, defineService, serviceUrl } from '@blog/service-kit';
import { z } from 'zod';
import { commentEventHandlers } from './handlers';
import { PostDirectory } from './post-directory';
import { commentsApi } from './openapi';
import { commentRoutes } from './routes';
import type { CommentStore } from './store/comment-store';
import { MemoryCommentStore } from './store/memory-comment-store';
import { MongoCommentStore } from './store/mongo-comment-store';

export const commentsService = defineService({
  name: 'comments',
  defaultPort: 4001,
  config: {
    /** This service's own database; unset means in memory. */
    MONGO_URL: z.string().optional(),
    EVENT_BUS_URL: serviceUrl.default('http://localhost:4005'),
    /** Asked whether a post exists when its PostCreated event has not arrived yet. */
    POSTS_URL: serviceUrl.default('http://localhost:4000'),
  },
  create({ config, logger }) {
    const storage = chooseStore<CommentStore>(config.MONGO_URL, logger, {
      memory: () => new MemoryCommentStore(),
      mongo: (database) => new MongoCommentStore(database),
    });
    const relay = new OutboxRelay(
      storage.store,
      HttpEventPublisher.forBus(config.EVENT_BUS_URL),
      logger,
    );
    // A client waits for this lookup, so it gives up quickly: 1 s per attempt, 2 retries.
    const posts = new PostDirectory(
      storage.store,
      createHttpClient({ baseURL: config.POSTS_URL, timeoutMs: 1000, retries: 2 }),
    );
    const onEventStored = () => relay.notify();
    return {
      routes: (app) => {
        app.use(commentRoutes(storage.store, posts, onEventStored));
        app.use(eventReceiver(commentEventHandlers(storage.store, onEventStored)));
      },
      readiness: storage.readiness,
      workers: [relay],
      close: () => storage.close(),
      openapi: commentsApi,
    };
  },
});
