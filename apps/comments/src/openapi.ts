import {
  commentListSchema,
  createCommentBodySchema,
  errorResponse,
  eventDeliveryRoute,
  pageQuerySchema,
  unavailableResponse,
  type ServiceApi,
} from '@blog/contracts';

const postParams = { id: "The post's id." };
const noSuchPost = errorResponse('No post has this id.');
const unavailable = unavailableResponse(
  'The database, or the posts service (asked about a post not heard of yet),',
);
const comments = (description: string) => ({
  description,
  body: commentListSchema,
  headers: { Link: 'The next page (rel="next"), when this one is full.' },
});

/** The routes of `routes.ts` and the event deliveries, as /openapi.json describes them. */
export const commentsApi: ServiceApi = {
  description:
    'Owns the comments of every post: takes new ones, lists them, and records the verdict of ' +
    'moderation. Announces each new comment (CommentCreated) and each change (CommentUpdated).',
  routes: [
    {
      method: 'post',
      path: '/posts/{id}/comments',
      summary: 'Comment on a post',
      description: 'The new comment is pending until moderation decides.',
      pathParams: postParams,
      body: createCommentBodySchema,
      responses: {
        201: comments("The post's first page of comments, the new one among them."),
        404: noSuchPost,
        503: unavailable,
      },
    },
    {
      method: 'get',
      path: '/posts/{id}/comments',
      summary: "List a post's comments, a page at a time",
      pathParams: postParams,
      query: pageQuerySchema,
      responses: {
        200: comments('A page of comments, in creation order.'),
        404: noSuchPost,
        503: unavailable,
      },
    },
    eventDeliveryRoute({
      handling:
        'PostCreated: the post is remembered. CommentModerated: the verdict is set on the ' +
        'pending comment, and announced with CommentUpdated.',
      dependency: 'The database',
      unprocessable: 'A verdict on a comment this service does not have.',
    }),
  ],
};
