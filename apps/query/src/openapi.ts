import { z } from 'zod';
import {
  errorResponse,
  eventDeliveryRoute,
  pageQuerySchema,
  postWithCommentsListSchema,
  postStreamQuerySchema,
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
      path: '/posts/stream',
      summary: 'Follow the changes to posts and comments (server-sent events)',
      description:
        'A `text/event-stream` that never ends, fed by the event-bus log: whatever replica a ' +
        'client is connected to, it sees every change. The first message is `event: ready` ' +
        'with `data: {"after": <seq>}`: the stream carries every change after that seq. Then ' +
        'one message per change: `id` is the seq of its event in the log, `event` its type ' +
        "(`PostCreated`, `CommentCreated` or `CommentUpdated`), `data` the event's data as JSON " +
        '(`{ id, title }`; `{ id, postId, content, status }`, plus `version` for an update: ' +
        'apply an update only if its version is higher than the one shown). A comment line ' +
        'every 15 s keeps proxies from closing a quiet connection. A reconnecting browser ' +
        'sends `Last-Event-ID` and gets exactly what came after it; a new EventSource can ' +
        'pass `?after=`. The service ends the stream when it shuts down: reconnect.',
      query: postStreamQuerySchema,
      headers: {
        Accept: 'Must name `text/event-stream`; any other value gets 406.',
        'Last-Event-ID': 'The `id` of the last message received; wins over `?after=`.',
      },
      responses: {
        200: {
          description: 'The stream of changes.',
          mediaType: 'text/event-stream',
          body: z.string().meta({
            examples: [
              'retry: 2000\n\nid: 41\nevent: ready\ndata: {"after":41}\n\n' +
                'id: 42\nevent: CommentUpdated\ndata: {"id":"0190b8a0-5c3e-7d1a-9f2b-3c4d5e6f7a8b",' +
                '"postId":"0190b8a0-5c3d-7e2f-8a1b-2c3d4e5f6a7b","content":"Nice post!",' +
                '"status":"approved","version":1}\n\n',
            ],
          }),
        },
        400: errorResponse('`after` or `Last-Event-ID` is not a seq (a whole number from 0).'),
        406: errorResponse('The request does not ask for `text/event-stream` (see `Accept`).'),
        503: {
          ...errorResponse(
            'This instance serves as many streams as it may (STREAM_MAX_CLIENTS), or is ' +
              'shutting down: try again (another replica may take it).',
          ),
          headers: { 'Retry-After': 'Seconds to wait before trying again.' },
        },
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
