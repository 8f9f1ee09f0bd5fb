import { PAGE_MAX_LIMIT, eventSchema, queryNumber, type BlogEvent } from '@blog/contracts';
import { PUBLISH_BATCH_MAX } from '@blog/messaging';
import { parseBody, parseQuery } from '@blog/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import type { Subscriptions } from './delivery/subscriptions';
import type { EventLog } from './log/event-log';
import type { BusMetrics } from './metrics';

export const batchBodySchema = z.object({
  events: z
    .array(eventSchema, { error: 'events must be an array of events' })
    .min(1, 'events must not be empty')
    .max(PUBLISH_BATCH_MAX, `events must hold at most ${PUBLISH_BATCH_MAX} events`),
});

/** A whole number of the query string, `byDefault` when it is left out. */
const count = (name: string, byDefault: number, min: number, max?: number) => {
  const whole = z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`);
  const bounded = max === undefined ? whole : whole.max(max, `${name} must be at most ${max}`);
  return queryNumber(bounded.default(byDefault));
};

/** `GET /events`: the shape `EventLogReader` in @blog/messaging pages through. */
export const readQuerySchema = z.object({
  after: count('after', 0, 0),
  limit: count('limit', 100, 1, PAGE_MAX_LIMIT),
});

export const deadLetterQuerySchema = z.object({
  limit: count('limit', 100, 1, PAGE_MAX_LIMIT),
});

/** The bus API: append events, read the log, watch and repair the subscriptions. */
export function eventBusRoutes(
  log: EventLog,
  subscriptions: Subscriptions,
  metrics: BusMetrics,
): Router {
  const router = Router();

  const append = async (events: BlogEvent[]) => {
    const results = await log.append(events);
    for (const { duplicate } of results) metrics.eventAppended(duplicate);
    return results;
  };

  router.post('/events', async (req, res) => {
    const event = parseBody(eventSchema, req);
    const [result] = await append([event]);
    res.status(result?.duplicate ? 200 : 201).json(result);
  });

  // Every event is validated before any is stored, so a rejected batch leaves no trace.
  router.post('/events/batch', async (req, res) => {
    const { events } = parseBody(batchBodySchema, req);
    const results = await append(events);
    res.status(201).json({
      results: results.map((result, index) => ({ id: events[index]?.id, ...result })),
    });
  });

  router.get('/events', async (req, res) => {
    const { after, limit } = parseQuery(readQuerySchema, req);
    const events = await log.read(after, limit);
    const next = events.length === limit ? (events.at(-1)?.seq ?? null) : null;
    res.json({ events, next });
  });

  router.get('/subscriptions', async (_req, res) => {
    res.json({ subscriptions: await subscriptions.list() });
  });

  router.get('/subscriptions/:name/dead-letters', async (req, res) => {
    const { limit } = parseQuery(deadLetterQuerySchema, req);
    res.json({ deadLetters: await subscriptions.deadLetters(req.params.name, limit) });
  });

  router.post('/subscriptions/:name/redrive', async (req, res) => {
    res.json(await subscriptions.redrive(req.params.name));
  });

  return router;
}
