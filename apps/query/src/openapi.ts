import {
  errorResponse,
  eventDeliveryRoute,
  pageQuerySchema,
  postWithCommentsListSchema,
  postWithCommentsSchema,
  unavailableResponse,
  type ServiceApi,
} from '@blog/contracts';

const unavailable = unavailableResponse('The database');

/** The routes of `routes.ts` and the event deliveries, as /openapi.json describes them. */
export const queryApi: ServiceApi = {
  description:
    'The read side of the blog: every post with its comments, built only from the events of ' +
    'the event-bus.',
  routes: [
    {
      method: 'get',
      path: '/posts',
      summary: 'List posts with their comments, a page at a time',
      query: pageQuerySchema,
      responses: {
        200: {
          description: 'A page of posts with their comments, keyed by post id, in creation order.',
          body: postWithCommentsListSchema,
          headers: { Link: 'The next page (rel="next"), when this one is full.' },
        },
        503: unavailable,
      },
    },
    {
      method: 'get',
      path: '/posts/{id}',
      summary: 'Read a post with its comments',
      pathParams: { id: "The post's id." },
      responses: {
        200: { description: 'The post with its comments.', body: postWithCommentsSchema },
        404: errorResponse('No post has this id (or its PostCreated has not arrived yet).'),
        503: unavailable,
      },
    },
    eventDeliveryRoute({
      handling:
        'PostCreated, CommentCreated and CommentUpdated change the read model; a comment ' +
        'change older than the one stored is ignored.',
      dependency: 'The database',
    }),
  ],
};
