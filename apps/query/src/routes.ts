import { pageQuerySchema } from '@blog/contracts';
import { NotFoundError, keyedById, parseQuery, setNextPageLink } from '@blog/service-kit';
import { Router } from 'express';
import type { ReadModelStore } from './store/read-model-store';

/** The read API: posts with their comments, in the shapes of the course's query service. */
export function queryRoutes(store: ReadModelStore): Router {
  const router = Router();

  router.get('/posts', async (req, res) => {
    const page = parseQuery(pageQuerySchema, req);
    const posts = await store.listPosts(page);
    setNextPageLink(req, res, posts, page.limit);
    res.json(keyedById(posts));
  });

  router.get('/posts/:id', async (req, res) => {
    const post = await store.getPost(req.params.id);
    if (!post) throw new NotFoundError(`Post ${req.params.id} not found`, 'id');
    res.json(post);
  });

  return router;
}
