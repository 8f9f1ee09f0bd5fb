import { z } from 'zod';
import { CONTENT_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits';

/**
 * What `String.prototype.trim` removes. A JSON Schema cannot trim, so the API documents say
 * "contains a character outside this class" for "not blank": the same rule, for clients and fuzzers.
 */
const TRIMMED_CHARACTERS = String.raw`\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff`;

const text = (field: string, max: number) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? `${field} is required` : `${field} must be a string`,
    })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`)
    .meta({
      description: `Surrounding whitespace is trimmed; 1 to ${max} characters must remain.`,
      pattern: `[^${TRIMMED_CHARACTERS}]`,
    });

export const commentStatusSchema = z.enum(['pending', 'approved', 'rejected']);
export type CommentStatus = z.infer<typeof commentStatusSchema>;

export const createPostBodySchema = z
  .object({ title: text('title', TITLE_MAX_LENGTH) })
  .meta({ examples: [{ title: 'Hello, world' }] });
export type CreatePostBody = z.infer<typeof createPostBodySchema>;

export const createCommentBodySchema = z
  .object({ content: text('content', CONTENT_MAX_LENGTH) })
  .meta({ examples: [{ content: 'Nice post!' }] });
export type CreateCommentBody = z.infer<typeof createCommentBodySchema>;

const DECIMAL_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A number in a query string, read in plain decimal notation only. (`z.coerce.number()` would
 * also read '' and ' ' as 0, and take '1e3' or '0x10', none of which the API documents allow.)
 * Anything else is left as it is, for `schema` to refuse.
 */
export function queryNumber<S extends z.ZodType>(schema: S) {
  return z.preprocess(
    (value) => (typeof value === 'string' && DECIMAL_NUMBER.test(value) ? Number(value) : value),
    schema,
  );
}

/** `?limit=&after=` of every list endpoint: pages ordered by id (ids are time-ordered UUIDv7). */
export const PAGE_MAX_LIMIT = 1000;
export const pageQuerySchema = z.object({
  limit: queryNumber(z.number().int().min(1).max(PAGE_MAX_LIMIT).default(PAGE_MAX_LIMIT)).meta({
    description: 'Largest number of items in the page.',
  }),
  after: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'Id of the last item of the previous page (the `Link` header has it).' }),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/*
 * The answers' shapes. The `id` in `.meta()` names each one in the services' OpenAPI documents.
 */

export const postSchema = z
  .object({ id: z.uuid(), title: z.string().min(1).max(TITLE_MAX_LENGTH) })
  .meta({ id: 'Post' });
export type Post = z.infer<typeof postSchema>;

export const commentSchema = z
  .object({
    id: z.uuid(),
    content: z.string().min(1).max(CONTENT_MAX_LENGTH),
    status: commentStatusSchema,
  })
  .meta({ id: 'Comment' });
export type Comment = z.infer<typeof commentSchema>;

/** A post as the query service returns it: the post with every comment it has heard of. */
export const postWithCommentsSchema = postSchema
  .extend({ comments: z.array(commentSchema) })
  .meta({ id: 'PostWithComments' });
export type PostWithComments = z.infer<typeof postWithCommentsSchema>;

/** Lists of posts are objects keyed by post id (the course's shape), in creation order. */
export const postListSchema = z.record(z.uuid(), postSchema).meta({
  id: 'PostList',
  description: 'Posts keyed by id, in creation order.',
});
export const postWithCommentsListSchema = z.record(z.uuid(), postWithCommentsSchema).meta({
  id: 'PostWithCommentsList',
  description: 'Posts with their comments, keyed by post id, in creation order.',
});
export const commentListSchema = z
  .array(commentSchema)
  .meta({ id: 'CommentList', description: "A post's comments, in creation order." });

/** The error body every service answers with, for every 4xx and 5xx. */
export const errorBodySchema = z
  .object({
    errors: z
      .array(
        z.object({
          message: z.string(),
          field: z.string().optional().describe('The input to blame, e.g. `events.3.data.title`.'),
        }),
      )
      .min(1),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof errorBodySchema>;
