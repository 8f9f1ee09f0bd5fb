/**
 * The public API and the web client: which service answers which request from outside. The
 * local gateway routes with this table and the Kubernetes ingress has the same rules, so the
 * blog looks the same wherever it runs. The services' other routes (the event-bus, /events,
 * health) stay internal: what no API route takes is the web client's, which has only its page.
 */
export interface PublicRoute {
  methods: readonly string[];
  /** Express-style path: `:name` stands for one path segment, a final `*` for any rest. */
  path: string;
  service: 'posts' | 'comments' | 'query' | 'client';
}

export type PublicService = PublicRoute['service'];
/** The services the gateway proxies to; the client's page it serves from the build itself. */
export type ApiService = Exclude<PublicService, 'client'>;

/** First match wins: `/posts/create` is listed before the `/posts/:id` it also looks like. */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { methods: ['POST'], path: '/posts/create', service: 'posts' },
  { methods: ['GET', 'POST'], path: '/posts/:id/comments', service: 'comments' },
  { methods: ['GET'], path: '/posts', service: 'query' },
  // Server-sent events: the changes of posts and comments, for the web client.
  { methods: ['GET'], path: '/posts/stream', service: 'query' },
  { methods: ['GET'], path: '/posts/:id', service: 'query' },
  { methods: ['GET', 'HEAD'], path: '/*', service: 'client' },
];

const matchers = PUBLIC_ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/:\w+/g, '[^/]+').replace(/\*$/, '.*')}$`),
}));

/** The route a request takes, or undefined when it is not part of the public API. */
export function matchPublicRoute(method: string, pathname: string): PublicRoute | undefined {
  return matchers.find(
    ({ route, pattern }) => route.methods.includes(method) && pattern.test(pathname),
  )?.route;
}
