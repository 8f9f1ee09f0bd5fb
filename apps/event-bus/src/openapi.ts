import {
  EVENT_TYPES,
  errorResponse,
  eventLogPageSchema,
  eventSchema,
  loggedEventSchema,
  unavailableResponse,
  type ServiceApi,
} from '@blog/contracts';
import { z } from 'zod';
import type { SubscriptionState } from './delivery/delivery-worker';
import type { AppendResult, DeadLetter, RedriveResult } from './log/event-log';
import { batchBodySchema, deadLetterQuerySchema, readQuerySchema } from './routes';

/*
 * The bus's answers. Each schema is typed with the interface the code returns, so the compiler
 * notices a field the interface gains; the fuzz tests (infra/api-fuzz) notice one it loses.
 */

const seq = z.number().int().min(1);

const appendResultSchema: z.ZodType<AppendResult> = z
  .object({ seq, duplicate: z.boolean() })
  .meta({ id: 'AppendResult' });

const batchResultSchema = z
  .object({
    results: z.array(
      z.object({ id: z.uuid(), seq, duplicate: z.boolean() }) satisfies z.ZodType<AppendResult>,
    ),
  })
  .meta({ id: 'BatchAppendResult' });

const subscriptionSchema: z.ZodType<SubscriptionState> = z
  .object({
    name: z.string(),
    url: z.string(),
    types: z.array(z.enum(EVENT_TYPES)).nullable().describe('null: every type.'),
    position: z
      .number()
      .int()
      .min(0)
      .describe('Seq of the last event settled; 0 before the first.'),
    lag: z.number().int().min(0).describe('Events in the log after `position`.'),
    inFlight: z
      .number()
      .int()
      .min(0)
      .max(1)
      .describe('The event out for delivery or waiting for its retry.'),
    retries: z
      .number()
      .int()
      .min(0)
      .describe('Redeliveries this instance scheduled since it started.'),
    deadLetters: z.number().int().min(0),
    lastError: z.object({ message: z.string(), at: z.iso.datetime() }).nullable(),
  })
  .meta({ id: 'Subscription' });

const deadLetterSchema: z.ZodType<DeadLetter> = loggedEventSchema
  .extend({
    seq,
    reason: z.string(),
    attempts: z.number().int().min(1).describe('Deliveries tried before it was set aside.'),
    failedAt: z.iso.datetime(),
  })
  .meta({ id: 'DeadLetter' });

const redriveResultSchema: z.ZodType<RedriveResult> = z
  .object({ redriven: z.number().int().min(0), remaining: z.number().int().min(0) })
  .meta({ id: 'RedriveResult' });

const exampleEvent = (eventSchema.meta()?.examples as unknown[] | undefined)?.[0];
const subscriptionParams = { name: "The subscriber's name, as in SUBSCRIBERS." };
const unavailable = unavailableResponse('The event log (NATS JetStream)');
const noSuchSubscription = errorResponse('No subscriber has this name.');

/** The routes of `routes.ts`, as /openapi.json describes them. */
export const eventBusApi: ServiceApi = {
  description:
    'Keeps every event of the blog in one ordered log and delivers each to each subscriber ' +
    'that takes its type, in log order, until the subscriber has taken it.',
  routes: [
    {
      method: 'post',
      path: '/events',
      summary: 'Append an event to the log',
      description: 'The event is stored once: an id already in the log is not stored again.',
      body: eventSchema,
      responses: {
        201: { description: 'Stored.', body: appendResultSchema },
        200: {
          description: 'Already in the log: nothing stored, the original seq.',
          body: appendResultSchema,
        },
        503: unavailable,
      },
    },
    {
      method: 'post',
      path: '/events/batch',
      summary: 'Append events to the log, in order',
      description: 'Every event is validated first: one invalid event and none is stored.',
      body: batchBodySchema.meta({ examples: [{ events: [exampleEvent] }] }),
      responses: {
        201: {
          description: 'Stored, or recognised as already stored, each.',
          body: batchResultSchema,
        },
        503: unavailable,
      },
    },
    {
      method: 'get',
      path: '/events',
      summary: 'Read the log, a page at a time',
      query: readQuerySchema,
      responses: {
        200: { description: 'The events after `after`, in log order.', body: eventLogPageSchema },
        503: unavailable,
      },
    },
    {
      method: 'get',
      path: '/subscriptions',
      summary: "Each subscriber's progress",
      responses: {
        200: {
          description: 'Every configured subscriber.',
          body: z.object({ subscriptions: z.array(subscriptionSchema) }),
        },
        503: unavailable,
      },
    },
    {
      method: 'get',
      path: '/subscriptions/{name}/dead-letters',
      summary: "A subscriber's dead letters, oldest first",
      pathParams: subscriptionParams,
      query: deadLetterQuerySchema,
      responses: {
        200: {
          description: 'Events the subscriber could not take, kept until a redrive delivers them.',
          body: z.object({ deadLetters: z.array(deadLetterSchema) }),
        },
        404: noSuchSubscription,
        503: unavailable,
      },
    },
    {
      method: 'post',
      path: '/subscriptions/{name}/redrive',
      summary: "Deliver a subscriber's dead letters again",
      description:
        'Each is tried once, oldest first; those delivered are removed. Stops at the first one ' +
        'the subscriber is unavailable for.',
      pathParams: subscriptionParams,
      responses: {
        200: { description: 'What the redrive did.', body: redriveResultSchema },
        404: noSuchSubscription,
        503: unavailable,
      },
    },
  ],
};
