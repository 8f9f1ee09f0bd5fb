import { z } from 'zod';
import { CONTENT_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits';

const text = (field: string, max: number) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? `${field} is required` : `${field} must be a string`,
    })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

export const commentStatusSchema = z.enum(['pending', 'approved', 'rejected']);
export type CommentStatus = z.infer<typeof commentStatusSchema>;

export const createPostBodySchema = z.object({ title: text('title', TITLE_MAX_LENGTH) });
export type CreatePostBody = z.infer<typeof createPostBodySchema>;

export const createCommentBodySchema = z.object({ content: text('content', CONTENT_MAX_LENGTH) });
export type CreateCommentBody = z.infer<typeof createCommentBodySchema>;

/** `?limit=&after=` of every list endpoint: pages ordered by id (ids are time-ordered UUIDv7). */
export const PAGE_MAX_LIMIT = 1000;
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_MAX_LIMIT).default(PAGE_MAX_LIMIT),
  after: z.string().max(64).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Post {
  id: string;
  title: string;
}

export interface Comment {
  id: string;
  content: string;
  status: CommentStatus;
}

/** A post as the query service returns it: the post with every comment it has heard of. */
export interface PostWithComments extends Post {
  comments: Comment[];
}

/** The error body every service answers with, for every 4xx and 5xx. */
export interface ErrorBody {
  errors: { message: string; field?: string }[];
}
