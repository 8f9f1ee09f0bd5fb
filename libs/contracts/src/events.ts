import { z } from 'zod';
import { CONTENT_MAX_LENGTH, SOURCE_MAX_LENGTH, TITLE_MAX_LENGTH } from './limits';
import { commentStatusSchema } from './api';

const id = z.uuid();
const title = z.string().min(1).max(TITLE_MAX_LENGTH);
const content = z.string().min(1).max(CONTENT_MAX_LENGTH);

export const postCreatedDataSchema = z.object({ id, title });
export const commentCreatedDataSchema = z.object({
  id,
  postId: id,
  content,
  status: z.literal('pending'),
});
export const commentModeratedDataSchema = z.object({
  id,
  postId: id,
  content,
  status: z.enum(['approved', 'rejected']),
});
/** `version` counts the comment's changes: 0 is its creation, every update adds one. */
export const commentUpdatedDataSchema = z.object({
  id,
  postId: id,
  content,
  status: commentStatusSchema,
  version: z.number().int().min(1),
});

/** Fields every event carries, whatever its type. */
const envelopeFields = {
  id,
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1).max(SOURCE_MAX_LENGTH),
};

export const eventSchema = z
  .discriminatedUnion('type', [
    z.object({ ...envelopeFields, type: z.literal('PostCreated'), data: postCreatedDataSchema }),
    z.object({
      ...envelopeFields,
      type: z.literal('CommentCreated'),
      data: commentCreatedDataSchema,
    }),
    z.object({
      ...envelopeFields,
      type: z.literal('CommentModerated'),
      data: commentModeratedDataSchema,
    }),
    z.object({
      ...envelopeFields,
      type: z.literal('CommentUpdated'),
      data: commentUpdatedDataSchema,
    }),
  ])
  .meta({
    id: 'Event',
    examples: [
      {
        id: '0190b8a0-5c3e-7d1a-9f2b-3c4d5e6f7a8b',
        type: 'PostCreated',
        occurredAt: '2024-07-01T12:00:00.000Z',
        source: 'posts',
        data: { id: '0190b8a0-5c3d-7e2f-8a1b-2c3d4e5f6a7b', title: 'Hello, world' },
      },
    ],
  });

export type BlogEvent = z.infer<typeof eventSchema>;
export type EventType = BlogEvent['type'];
export type EventOfType<T extends EventType> = Extract<BlogEvent, { type: T }>;
export type EventData<T extends EventType> = EventOfType<T>['data'];

export const EVENT_TYPES = eventSchema.options.map(
  (option) => option.shape.type.value,
) as readonly EventType[];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
