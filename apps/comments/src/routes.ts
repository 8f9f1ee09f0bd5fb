import {
  PAGE_MAX_LIMIT,
  createCommentBodySchema,
  newId,
  pageQuerySchema,
  type PageQuery,
} from '@blog/contracts';
import { createEvent } from '@blog/messaging';
import { parseBody, parseQuery, setNextPageLink } from '@blog/service-kit';
import { Router, type Request, type Response } from 'express';
import type { PostDirectory } from './post-directory';
import type { CommentStore } from './store/comment-store';

/**
 * The comments API. A new comment and its CommentCreated event are stored together;
 * `onEventStored` wakes the outbox relay, which publishes the event after the client has its answer.
 */
export function commentRoutes(
  store: CommentStore,
  posts: PostDirectory,
  onEventStored: () => void,
): Router {
  const router = Router();

  /** Answers with a page of the post's comments, linking to the next page when there is one. */
  async function sendComments(req: Request, res: Response, postId: string, page: PageQuery) {
    const comments = await store.listByPost(postId, page);
    setNextPageLink(req, res, comments, page.limit);
    res.json(comments);
  }

  router.post('/posts/:id/comments', async (req, res) => {
    const { content } = parseBody(createCommentBodySchema, req);
    const postId = req.params.id;
    await posts.requireExisting(postId);
    const created = { id: newId(), postId, content, status: 'pending' } as const;
    await store.create(
      { ...created, version: 0 },
      createEvent('CommentCreated', created, 'comments'),
    );
    onEventStored();
    res.status(201);
    await sendComments(req, res, postId, { limit: PAGE_MAX_LIMIT });
  });

  router.get('/posts/:id/comments', async (req, res) => {
    const page = parseQuery(pageQuerySchema, req);
    await posts.requireExisting(req.params.id);
    await sendComments(req, res, req.params.id, page);
  });

  return router;
}
