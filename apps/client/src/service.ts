import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineService } from '@blog/service-kit';
import { z } from 'zod';
import { staticSite } from './static-site';

/**
 * The web client's server in Kubernetes: the page built by Vite, behind the ingress's `/`
 * route, with the health, metrics, logs and graceful shutdown every service has. (`npm start`
 * serves the same files from its gateway.) The page calls the public API on its own origin.
 */
export const clientService = defineService({
  name: 'client',
  defaultPort: 4004,
  config: {
    /** The built page; the build puts it beside the server's bundle. */
    STATIC_DIR: z.string().min(1).default(path.join(__dirname, 'public')),
  },
  create({ config }) {
    const index = path.join(config.STATIC_DIR, 'index.html');
    return {
      routes: (app) => app.use(staticSite(config.STATIC_DIR)),
      readiness: [{ name: 'site', check: () => existsSync(index) }],
    };
  },
});
