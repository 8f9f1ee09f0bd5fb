import { z } from 'zod';
import { queryNumber } from './api';
import {
  commentCreatedDataSchema,
  commentUpdatedDataSchema,
  postCreatedDataSchema,
} from './events';

/*
 * `GET /posts/stream` of the query service: the changes to posts and comments, pushed as
 * server-sent events. It is a projection of the event-bus log, so every message's SSE `id` is
 * the seq of its event in the log, and a client that reconnects with `Last-Event-ID` (or
 * `?after=`) gets exactly the messages after the last one it had.
 */

/** The log's events that change what a reader sees; the SSE `event` field is one of these. */
export const POST_STREAM_EVENT_TYPES = ['PostCreated', 'CommentCreated', 'CommentUpdated'] as const;
export type PostStreamEventType = (typeof POST_STREAM_EVENT_TYPES)[number];

export function isPostStreamEventType(type: string): type is PostStreamEventType {
  return (POST_STREAM_EVENT_TYPES as readonly string[]).includes(type);
}

const seq = z.number().int().min(1).describe('The seq of the event in the event-bus log.');

/** One change as a client reads it: SSE `id` = `seq`, `event` = `type`, `data` = JSON `data`. */
export const postStreamMessageSchema = z
  .discriminatedUnion('type', [
    z.object({ seq, type: z.literal('PostCreated'), data: postCreatedDataSchema }),
    z.object({ seq, type: z.literal('CommentCreated'), data: commentCreatedDataSchema }),
    z.object({ seq, type: z.literal('CommentUpdated'), data: commentUpdatedDataSchema }),
  ])
  .meta({ id: 'PostStreamMessage' });
export type PostStreamMessage = z.infer<typeof postStreamMessageSchema>;

/**
 * The first message of every connection (SSE `event: ready`, `id` = `after`): the stream
 * carries every change after seq `after`. A client keeps it as its position until a change
 * arrives, so that even a connection that carried no change can be resumed exactly.
 */
export const postStreamReadySchema = z.object({ after: z.number().int().min(0) });
export type PostStreamReady = z.infer<typeof postStreamReadySchema>;
export const POST_STREAM_READY_EVENT = 'ready';

/** A position in the log: a `?after=` or a `Last-Event-ID`. */
export const streamPositionSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const postStreamQuerySchema = z.object({
  after: queryNumber(streamPositionSchema)
    .optional()
    .meta({
      description:
        "Start after this seq of the event-bus log (what the last message's `id` was). " +
        '`Last-Event-ID`, which browsers send when they reconnect, wins over it. Without ' +
        'either, the stream starts shortly before the end of the log.',
    }),
});
