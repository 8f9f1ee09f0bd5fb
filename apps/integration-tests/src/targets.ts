import { loadConfig, serviceUrl } from '@blog/service-kit';
import { z } from 'zod';

/**
 * Where the blog under test runs. The defaults are `npm start` on this machine; in the cluster
 * (skaffold verify) and on the podman network (npm run test:containers) they are Service names.
 */
export const targets = loadConfig(
  z.object({
    POSTS_URL: serviceUrl.default('http://localhost:4000'),
    COMMENTS_URL: serviceUrl.default('http://localhost:4001'),
    QUERY_URL: serviceUrl.default('http://localhost:4002'),
    EVENT_BUS_URL: serviceUrl.default('http://localhost:4005'),
    /** The public entry point (the `npm start` gateway or an ingress); its tests skip without it. */
    GATEWAY_URL: serviceUrl.optional(),
    /** How long to wait for the services to be ready and for an event to take effect. */
    WAIT_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  }),
);
