import { baseConfigShape, defineService } from '@blog/service-kit';
import { z } from 'zod';
import { Subscriptions } from './delivery/subscriptions';
import { chooseEventLog } from './log/choose-event-log';
import { BusMetrics } from './metrics';
import { eventBusApi } from './openapi';
import { eventBusRoutes } from './routes';
import { DEFAULT_SUBSCRIBERS, subscribersSetting } from './subscribers';

const PORT = 4005;
const milliseconds = (min: number) => z.coerce.number().int().min(min);

export const eventBusService = defineService({
  name: 'event-bus',
  defaultPort: PORT,
  config: {
    /**
     * The common setting with a larger default: room for a full batch, 500 events of the largest
     * size, even with every character escaped in the JSON.
     */
    JSON_BODY_LIMIT: baseConfigShape(PORT).JSON_BODY_LIMIT.unwrap().default('4mb'),
    SUBSCRIBERS: subscribersSetting.prefault(DEFAULT_SUBSCRIBERS),
    /** NATS with JetStream for the log; unset means in memory. */
    NATS_URL: z.string().optional(),
    NATS_STREAM: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
      .default('BLOG_EVENTS'),
    NATS_SUBJECT_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'dot-separated tokens, e.g. blog.events')
      .default('blog.events'),
    /** How long JetStream remembers an event id to recognise a duplicate. */
    NATS_DUPLICATE_WINDOW_MS: milliseconds(1000).default(10 * 60_000),
    DELIVERY_TIMEOUT_MS: milliseconds(1).default(5000),
    RETRY_INITIAL_MS: milliseconds(1).default(100),
    RETRY_MAX_MS: milliseconds(1).default(30_000),
    MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  },
  create({ config, logger, metrics }) {
    const log = chooseEventLog(config, logger);
    const busMetrics = new BusMetrics(metrics.registry);
    const subscriptions = new Subscriptions(
      config.SUBSCRIBERS,
      log,
      {
        deliveryTimeoutMs: config.DELIVERY_TIMEOUT_MS,
        maxAttempts: config.MAX_ATTEMPTS,
        backoff: { initialMs: config.RETRY_INITIAL_MS, maxMs: config.RETRY_MAX_MS },
      },
      busMetrics,
      logger,
    );
    return {
      routes: (app) => app.use(eventBusRoutes(log, subscriptions, busMetrics)),
      readiness: log.readiness,
      workers: subscriptions.workers,
      close: () => log.close(),
      openapi: eventBusApi,
    };
  },
});
