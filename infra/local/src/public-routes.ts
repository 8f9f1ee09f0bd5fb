/**
 * The public API: which service answers which request from outside. The local gateway routes
 * with this table and the Kubernetes ingress has the same rules, so the API looks the same
 * wherever the blog runs. Everything else (the event-bus, /events, health) stays internal.
 */
export interface PublicRoute {
  methods: readonly string[];
  /** Express-style path: `:name` stands for one path segment. */
  path: string;
  service: 'posts' | 'comments' | 'query';
}

export type PublicService = PublicRoute['service'];

/** First match wins: `/posts/create` is listed before the `/posts/:id` it also looks like. */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { methods: ['POST'], path: '/posts/create', service: 'posts' },
  { methods: ['GET', 'POST'], path: '/posts/:id/comments', service: 'comments' },
  { methods: ['GET'], path: '/posts', service: 'query' },
  { methods: ['GET'], path: '/posts/:id', service: 'query' },
];

const matchers = PUBLIC_ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/:\w+/g, '[^/]+')}$`),
}));

/** The route a request takes, or undefined when it is not part of the public API. */
export function matchPublicRoute(method: string, pathname: string): PublicRoute | undefined {
  return matchers.find(
    ({ route, pattern }) => route.methods.includes(method) && pattern.test(pathname),
  )?.route;
}
