import path from 'node:path';
import type { Connect } from 'vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * The web client: `vite build` (part of `nx build client`) writes the page to
 * dist/apps/client/public, which the client's server (src/main.ts) and the `npm start` gateway
 * serve. `vite` alone is the development server: `skaffold dev` runs it in the client's pod,
 * `npx nx run client:dev` next to `npm start` (the API through its gateway, API_URL).
 */
export default defineConfig({
  root: import.meta.dirname,
  // The dev image's node_modules belong to root; its user may write only /tmp (and the app).
  cacheDir:
    process.env.VITE_CACHE_DIR ?? path.join(import.meta.dirname, '../../node_modules/.vite/client'),
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.join(import.meta.dirname, '../../dist/apps/client/public'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: true,
    port: 4004,
    strictPort: true,
    // The names the page is opened under: the ingress's host, and port-forwards.
    allowedHosts: ['posts.com', 'localhost', 'client-srv'],
    proxy: process.env.API_URL ? { '/posts': { target: process.env.API_URL } } : undefined,
  },
  plugins: [devHealth()],
});

/**
 * /healthz and /readyz on the development server, where the pod's probes look for them (the
 * production server gets them from @blog/service-kit).
 */
function devHealth(): Plugin {
  const answer: Connect.NextHandleFunction = (req, res, next) => {
    if (req.url !== '/healthz' && req.url !== '/readyz') return next();
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify(req.url === '/healthz' ? { status: 'ok' } : { status: 'ready', checks: {} }),
    );
  };
  return { name: 'dev-health', configureServer: (server) => void server.middlewares.use(answer) };
}
