import { createPostBodySchema, newId, pageQuerySchema, type Post } from '@blog/contracts';
import { createEvent } from '@blog/messaging';
import {
  NotFoundError,
  keyedById,
  parseBody,
  parseQuery,
  setNextPageLink,
} from '@blog/service-kit';
import { Router, type RequestHandler } from 'express';
import type { PostStore } from './store/post-store';

/**
 * The posts API. A new post and its PostCreated event are stored together; `onEventStored`
 * wakes the outbox relay, which publishes the event after the client has its answer.
 */
export function postRoutes(store: PostStore, onEventStored: () => void): Router {
  const router = Router();

  const createPost: RequestHandler = async (req, res) => {
    const { title } = parseBody(createPostBodySchema, req);
    const post: Post = { id: newId(), title };
    await store.create(post, createEvent('PostCreated', post, 'posts'));
    onEventStored();
    res.status(201).location(`/posts/${post.id}`).json(post);
  };
  // `/posts/create` is the course's route (the ingress sends it here); `/posts` the RESTful one.
  router.post('/posts/create', createPost);
  router.post('/posts', createPost);

  router.get('/posts', async (req, res) => {
    const page = parseQuery(pageQuerySchema, req);
    const posts = await store.list(page);
    setNextPageLink(req, res, posts, page.limit);
    res.json(keyedById(posts));
  });

  router.get('/posts/:id', async (req, res) => {
    const post = await store.get(req.params.id);
    if (!post) throw new NotFoundError(`Post ${req.params.id} not found`, 'id');
    res.json(post);
  });

  return router;
}
