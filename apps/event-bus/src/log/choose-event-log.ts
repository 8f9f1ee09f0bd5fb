import type { Logger } from '@blog/service-kit';
import type { EventLog } from './event-log';
import { JetStreamEventLog } from './jetstream/jetstream-event-log';
import { MemoryEventLog } from './memory/memory-event-log';

export interface EventLogConfig {
  NATS_URL?: string;
  NATS_STREAM: string;
  NATS_SUBJECT_PREFIX: string;
  NATS_DUPLICATE_WINDOW_MS: number;
  DELIVERY_TIMEOUT_MS: number;
}

/** NATS JetStream when `NATS_URL` is set, otherwise the in-memory log of the zero-dependency mode. */
export function chooseEventLog(config: EventLogConfig, logger: Logger): EventLog {
  if (!config.NATS_URL) {
    logger.info('event log: in memory (set NATS_URL to use NATS JetStream)');
    return new MemoryEventLog();
  }
  logger.info({ stream: config.NATS_STREAM }, 'event log: NATS JetStream');
  return new JetStreamEventLog(
    {
      url: config.NATS_URL,
      stream: config.NATS_STREAM,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      duplicateWindowMs: config.NATS_DUPLICATE_WINDOW_MS,
      deliveryTimeoutMs: config.DELIVERY_TIMEOUT_MS,
    },
    logger,
  );
}
