import type { Comment, Post, PostWithComments } from '@blog/contracts';
import { eventually } from '@blog/testing';
import request from 'supertest';
import { targets } from './targets';

const SERVICES = {
  posts: targets.POSTS_URL,
  comments: targets.COMMENTS_URL,
  query: targets.QUERY_URL,
  'event-bus': targets.EVENT_BUS_URL,
};

/** Waits until every service answers /readyz with 200: its database or broker is connected. */
export async function untilAllReady(): Promise<void> {
  await Promise.all(
    Object.values(SERVICES).map((url) =>
      eventually(() => request(url).get('/readyz').expect(200), {
        timeoutMs: targets.WAIT_TIMEOUT_MS,
        intervalMs: 250,
      }),
    ),
  );
}

/** Retries `assertion` until it passes or WAIT_TIMEOUT_MS is up: events arrive a little later. */
export function soon<T>(assertion: () => Promise<T>): Promise<T> {
  return eventually(assertion, { timeoutMs: targets.WAIT_TIMEOUT_MS, intervalMs: 200 });
}

/** A title no other run uses, so tests can share a long-lived deployment. */
export function uniqueTitle(what: string): string {
  return `${what} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Creates a post with the course's route, through `baseUrl` (the posts service or a gateway). */
export async function createPost(title: string, baseUrl = targets.POSTS_URL): Promise<Post> {
  const response = await request(baseUrl).post('/posts/create').send({ title }).expect(201);
  expect(response.body).toEqual({ id: expect.any(String) as unknown, title });
  return response.body as Post;
}

/** Adds a comment; the answer lists the post's comments, the new one still pending. */
export async function addComment(
  postId: string,
  content: string,
  baseUrl = targets.COMMENTS_URL,
): Promise<Comment> {
  const response = await request(baseUrl)
    .post(`/posts/${postId}/comments`)
    .send({ content })
    .expect(201);
  const created = (response.body as Comment[]).find((comment) => comment.content === content);
  expect(created).toEqual({ id: expect.any(String) as unknown, content, status: 'pending' });
  return created!;
}

/** The post as the query service shows it, once `check` accepts it. */
export function queriedPost(
  postId: string,
  check: (post: PostWithComments) => void,
  baseUrl = targets.QUERY_URL,
): Promise<PostWithComments> {
  return soon(async () => {
    const response = await request(baseUrl).get(`/posts/${postId}`).expect(200);
    const post = response.body as PostWithComments;
    check(post);
    return post;
  });
}
