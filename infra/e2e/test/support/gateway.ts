import type { Comment } from '@blog/contracts';
import request from 'supertest';

/** Comments through the gateway; the answer lists the post's comments, the new one pending. */
export async function commentThroughGateway(
  gateway: string,
  postId: string,
  content: string,
): Promise<Omit<Comment, 'status'>> {
  const { body: comments } = await request(gateway)
    .post(`/posts/${postId}/comments`)
    .send({ content })
    .expect(201);
  const created = comments.find((comment: Comment) => comment.content === content);
  expect(created).toEqual({ id: expect.any(String), content, status: 'pending' });
  return { id: created.id, content };
}
