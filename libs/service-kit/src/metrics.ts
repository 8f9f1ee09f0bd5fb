import type { RequestHandler, Router } from 'express';
import { Router as createRouter } from 'express';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one service: Node's defaults, request durations by route, and whatever
 * the service registers on `registry`. One registry per service instance so tests can run
 * several services in one process.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const stop = this.requestDuration.startTimer();
      res.once('finish', () => {
        // The route pattern, not the URL, so ids do not explode the label set.
        const route = (req.route as { path?: unknown } | undefined)?.path;
        const label = typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched';
        stop({ method: req.method, route: label, status_code: String(res.statusCode) });
      });
      next();
    };
  }

  routes(): Router {
    const router = createRouter();
    router.get('/metrics', async (_req, res) => {
      res.type(this.registry.contentType).send(await this.registry.metrics());
    });
    return router;
  }
}
