import type { EventType } from '@blog/contracts';
import { DATA_SERVICES, type ServiceName, type StackPorts } from './services';

/** Which service hears which events: the event-bus's SUBSCRIBERS, in one table. */
const SUBSCRIPTIONS: readonly { subscriber: ServiceName; events: readonly EventType[] }[] = [
  { subscriber: 'query', events: ['PostCreated', 'CommentCreated', 'CommentUpdated'] },
  { subscriber: 'comments', events: ['PostCreated', 'CommentModerated'] },
  { subscriber: 'moderation', events: ['CommentCreated'] },
];

export interface BackendUrls {
  /** A MongoDB server; each data service gets its own database on it. Unset: in memory. */
  mongoUrl?: string;
  /** NATS with JetStream for the event-bus's log. Unset: in memory. */
  natsUrl?: string;
  /** Prefix of the database names (`<prefix>_posts`), so several stacks can share a server. */
  databasePrefix?: string;
}

export const localUrl = (port: number): string => `http://127.0.0.1:${port}`;

/** The environment variables one service is started with, besides the inherited ones. */
export function serviceEnv(
  service: ServiceName,
  ports: StackPorts,
  { mongoUrl, natsUrl, databasePrefix }: BackendUrls,
): Record<string, string> {
  const env: Record<string, string> = { PORT: String(ports[service]) };
  if (service === 'event-bus') {
    env.SUBSCRIBERS = subscribers(ports);
    if (natsUrl) env.NATS_URL = natsUrl;
  } else {
    env.EVENT_BUS_URL = localUrl(ports['event-bus']);
  }
  if (service === 'comments') env.POSTS_URL = localUrl(ports.posts);
  if (mongoUrl && DATA_SERVICES.includes(service)) {
    env.MONGO_URL = withDatabase(mongoUrl, stackDatabase(service, databasePrefix));
  }
  return env;
}

/** The database of one data service of a stack: its name, behind the stack's prefix if any. */
export function stackDatabase(service: ServiceName, databasePrefix?: string): string {
  return databasePrefix ? `${databasePrefix}_${service}` : service;
}

/** `query[PostCreated|CommentCreated]=http://127.0.0.1:4002/events,...` */
export function subscribers(ports: StackPorts): string {
  return SUBSCRIPTIONS.map(
    ({ subscriber, events }) =>
      `${subscriber}[${events.join('|')}]=${localUrl(ports[subscriber])}/events`,
  ).join(',');
}

/**
 * The same server URL with another database name, query-string options kept. String surgery
 * rather than `new URL`, which rejects the comma-separated host lists of replica sets.
 */
export function withDatabase(mongoUrl: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(mongoUrl);
  if (!match) throw new Error(`MONGO_URL is not a mongodb:// URL: ${mongoUrl}`);
  const [, server, options = ''] = match;
  return `${server}/${database}${options}`;
}

/** Variables the stack sets per service: an inherited value would point a service elsewhere. */
const STACK_VARIABLES = [
  'PORT',
  'MONGO_URL',
  'NATS_URL',
  'EVENT_BUS_URL',
  'POSTS_URL',
  'SUBSCRIBERS',
];

/** The launcher's environment for its children (PATH, LOG_LEVEL, tuning), minus the above. */
export function inheritableEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !STACK_VARIABLES.includes(name)),
  );
}
