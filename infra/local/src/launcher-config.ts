import type { StackOptions } from './stack';
import { DEFAULT_PORTS, type StackPorts } from './services';

/** The variable that moves each part of the stack to another port. */
export const PORT_VARIABLES: Record<keyof StackPorts, string> = {
  posts: 'POSTS_PORT',
  comments: 'COMMENTS_PORT',
  query: 'QUERY_PORT',
  moderation: 'MODERATION_PORT',
  'event-bus': 'EVENT_BUS_PORT',
  gateway: 'GATEWAY_PORT',
};

/** What `npm start` runs, from its environment: ports, and MONGO_URL / NATS_URL when set. */
export function launcherOptions(env: NodeJS.ProcessEnv): StackOptions {
  const ports = Object.fromEntries(
    Object.entries(PORT_VARIABLES).map(([part, variable]) => [
      part,
      parsePort(variable, env[variable], DEFAULT_PORTS[part as keyof StackPorts]),
    ]),
  ) as StackPorts;
  return { ports, mongoUrl: env.MONGO_URL || undefined, natsUrl: env.NATS_URL || undefined };
}

function parsePort(variable: string, value: string | undefined, fallback: number): number {
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port number (1-65535), not "${value}"`);
  }
  return port;
}
