import { TITLE_MAX_LENGTH, newId } from '@blog/contracts';
import request from 'supertest';
import { createPost, uniqueTitle, untilAllReady } from '../src/blog-api';
import { expectErrorBody } from '../src/error-body';
import { targets } from '../src/targets';

describe('bad requests to the public endpoints get a 4xx with the error body', () => {
  beforeAll(() => untilAllReady());

  describe('posts: POST /posts/create', () => {
    const create = () => request(targets.POSTS_URL).post('/posts/create');

    it('names a missing title', async () => {
      expectErrorBody(await create().send({}), 400, 'title');
    });

    it('names a blank or too long title', async () => {
      expectErrorBody(await create().send({ title: '   ' }), 400, 'title');
      expectErrorBody(
        await create().send({ title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }),
        400,
        'title',
      );
    });

    it('refuses malformed JSON and bodies that are not JSON', async () => {
      const malformed = await create().set('content-type', 'application/json').send('{"title":');
      expectErrorBody(malformed, 400);
      expectErrorBody(await create().set('content-type', 'text/plain').send('a title'), 415);
    });
  });

  describe('comments: POST /posts/:id/comments', () => {
    it('names missing content', async () => {
      const post = await createPost(uniqueTitle('Validation'));
      const response = await request(targets.COMMENTS_URL)
        .post(`/posts/${post.id}/comments`)
        .send({ content: '' });
      expectErrorBody(response, 400, 'content');
    });

    it('answers 404 for a post that does not exist', async () => {
      const response = await request(targets.COMMENTS_URL)
        .post(`/posts/${newId()}/comments`)
        .send({ content: 'Hello?' });
      expectErrorBody(response, 404);
    });
  });

  describe('query: GET /posts and GET /posts/:id', () => {
    it('names a bad page size', async () => {
      expectErrorBody(await request(targets.QUERY_URL).get('/posts?limit=0'), 400, 'limit');
    });

    it('answers 404 for a post it does not know', async () => {
      expectErrorBody(await request(targets.QUERY_URL).get(`/posts/${newId()}`), 404);
    });
  });

  it('answers 404 with the error body for a route no service has', async () => {
    expectErrorBody(await request(targets.POSTS_URL).get('/no-such-route'), 404);
  });
});
