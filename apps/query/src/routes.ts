import { pageQuerySchema } from '@blog/contracts';
import { NotFoundError, keyedById, parseQuery, setNextPageLink } from '@blog/service-kit';
import { Router } from 'express';
import type { ReadModelStore } from './store/read-model-store';
import type { PostStream } from './stream/post-stream';
import { postStreamRoute } from './stream/stream-route';

/**
 * The read API: posts with their comments, in the shapes of the course's query service, and
 * their changes as server-sent events.
 */
export function queryRoutes(store: ReadModelStore, stream: PostStream): Router {
  const router = Router();

  router.get('/posts', async (req, res) => {
    const page = parseQuery(pageQuerySchema, req);
    const posts = await store.listPosts(page);
    setNextPageLink(req, res, posts, page.limit);
    res.json(keyedById(posts));
  });

  // Before /posts/:id, which would take `stream` for an id.
  router.get('/posts/stream', postStreamRoute(stream));

  router.get('/posts/:id', async (req, res) => {
    const post = await store.getPost(req.params.id);
    if (!post) throw new NotFoundError(`Post ${req.params.id} not found`, 'id');
    res.json(post);
  });

  return router;
}
