import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler } from './error-handler';
import type { Health } from './health';
import { requestLogger } from './logger';
import type { Metrics } from './metrics';
import { OPENAPI_PATH, type OpenApiDocument } from './openapi';

export interface HttpAppOptions {
  logger: Logger;
  health: Health;
  metrics: Metrics;
  jsonBodyLimit: string;
  /** Mounts the service's own routes. */
  routes: (app: Express) => void;
  /** Served at /openapi.json when given. */
  openapi?: OpenApiDocument;
}

/** The express app every service shares: same middleware order, same health, same errors. */
export function createHttpApp({
  logger,
  health,
  metrics,
  jsonBodyLimit,
  routes,
  openapi,
}: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger(logger));
  app.use(metrics.middleware());
  app.use((_req, res, next) => {
    // During shutdown, answer what arrives on kept-alive connections but ask the client to reconnect.
    if (health.isShuttingDown) res.setHeader('Connection', 'close');
    next();
  });
  app.use(health.routes());
  app.use(metrics.routes());
  if (openapi) {
    app.get(OPENAPI_PATH, (_req, res) => {
      res.json(openapi);
    });
  }
  app.use(express.json({ limit: jsonBodyLimit }));
  routes(app);
  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
