import { z } from 'zod';
import { eventSchema } from './events';

/*
 * The event-bus log as it travels over HTTP: what `GET /events` answers and `EventLogReader`
 * (@blog/messaging) reads.
 */

export const loggedEventSchema = z
  .object({
    seq: z
      .number()
      .int()
      .describe('Position in the log: 1 for the first event, then one more each.'),
    event: eventSchema,
  })
  .meta({ id: 'LoggedEvent' });

export const eventLogPageSchema = z
  .object({
    events: z.array(loggedEventSchema),
    next: z
      .number()
      .int()
      .nullable()
      .describe('The `after` of the next page; null after a page that was not full.'),
  })
  .meta({ id: 'EventLogPage' });
export type EventLogPage = z.infer<typeof eventLogPageSchema>;
