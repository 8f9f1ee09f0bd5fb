import express, { Router } from 'express';
import type { ServerResponse } from 'node:http';

/**
 * What the browser may do on the page: run and style only what the site serves, talk only to
 * its own origin (the API and its event stream), never be framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names built assets after their content: a new build gets new names. */
const HASHED_ASSET = /\/assets\/[^/]+-[\w-]{8,}\.\w+$/;

/**
 * The built page in `directory`, for GET and HEAD: `/` is index.html, assets under /assets/.
 * Anything else falls through (to a 404). Used by the client's server and the npm start gateway.
 */
export function staticSite(directory: string): Router {
  const router = Router();
  router.use(
    express.static(directory, {
      index: 'index.html',
      redirect: false,
      setHeaders: (res: ServerResponse, file: string) => {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
        // Assets never change under a name; the page itself is checked on every visit.
        res.setHeader(
          'Cache-Control',
          HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  return router;
}
