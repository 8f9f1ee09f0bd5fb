/** The services of the blog, each a Node process built from `apps/<name>`. */
export const SERVICES = ['posts', 'comments', 'query', 'moderation', 'event-bus'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Services that keep data in MongoDB when it is available; each gets a database of its own. */
export const DATA_SERVICES: readonly ServiceName[] = ['posts', 'comments', 'query'];

/** Everything the stack listens on: the services and the gateway in front of them. */
export type StackPorts = Record<ServiceName | 'gateway', number>;

/** The same ports as in Kubernetes, so URLs in docs and logs look alike everywhere. */
export const DEFAULT_PORTS: StackPorts = {
  posts: 4000,
  comments: 4001,
  query: 4002,
  moderation: 4003,
  'event-bus': 4005,
  gateway: 8080,
};

export function isServiceName(value: string): value is ServiceName {
  return (SERVICES as readonly string[]).includes(value);
}
