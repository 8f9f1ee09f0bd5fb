import request from 'supertest';
import {
  addComment,
  createPost,
  queriedPost,
  soon,
  uniqueTitle,
  untilAllReady,
} from '../src/blog-api';
import { targets } from '../src/targets';

describe('a post and its comments, through the event-bus', () => {
  beforeAll(() => untilAllReady());

  it('approves a clean comment, rejects an "orange" one, and query shows both', async () => {
    const post = await createPost(uniqueTitle('Moderated'));
    const clean = await addComment(post.id, 'What a lovely post');
    const blocked = await addComment(post.id, 'I would rather eat an ORANGE');

    const shown = await queriedPost(post.id, ({ comments }) => {
      expect(comments).toHaveLength(2);
      expect(comments).toContainEqual({ ...clean, status: 'approved' });
      expect(comments).toContainEqual({ ...blocked, status: 'rejected' });
    });
    expect(shown).toMatchObject({ id: post.id, title: post.title });

    const list = await request(targets.QUERY_URL).get('/posts').expect(200);
    expect(list.body[post.id]).toEqual(shown);
  });

  it('gives the comments service the verdicts too', async () => {
    const post = await createPost(uniqueTitle('Verdicts'));
    const clean = await addComment(post.id, 'Thanks for writing this');
    const blocked = await addComment(post.id, 'orange orange orange');

    await soon(async () => {
      const response = await request(targets.COMMENTS_URL)
        .get(`/posts/${post.id}/comments`)
        .expect(200);
      expect(response.body).toEqual(
        expect.arrayContaining([
          { ...clean, status: 'approved' },
          { ...blocked, status: 'rejected' },
        ]),
      );
    });
  });

  it('takes a comment on a post created a moment before', async () => {
    // No wait between the two calls: PostCreated may not have reached comments yet, so comments
    // has to ask posts whether the post exists.
    const post = await createPost(uniqueTitle('Instant'));
    const comment = await addComment(post.id, 'First!');

    await queriedPost(post.id, ({ comments }) => {
      expect(comments).toEqual([{ ...comment, status: 'approved' }]);
    });
  });

  it('shows a new post in the query service without any comment', async () => {
    const post = await createPost(uniqueTitle('Quiet'));
    await queriedPost(post.id, (shown) => {
      expect(shown).toEqual({ ...post, comments: [] });
    });
    await request(targets.POSTS_URL).get(`/posts/${post.id}`).expect(200, post);
  });
});
