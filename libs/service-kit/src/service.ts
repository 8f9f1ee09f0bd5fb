import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceApi } from '@blog/contracts';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createHttpApp } from './app';
import { baseConfigShape, loadConfig, type BaseConfig } from './config';
import { Health, type ReadinessCheck } from './health';
import { createLogger } from './logger';
import { Metrics } from './metrics';
import { serviceApiDocument } from './openapi';

/** A loop that runs beside the HTTP server (an outbox relay, event deliveries). */
export interface BackgroundWorker {
  readonly name: string;
  start(): void;
  /** Stops taking new work, finishes the work in hand, then resolves. */
  stop(): Promise<void>;
}

export interface ServiceContext<C> {
  config: C;
  logger: Logger;
  metrics: Metrics;
}

/** What a service is made of, returned by its `create` function. */
export interface ServiceParts {
  routes: (app: Express) => void;
  readiness?: ReadinessCheck[];
  workers?: BackgroundWorker[];
  /**
   * Called when shutdown stops taking requests, before waiting for those in flight: ends
   * long-lived responses (server-sent event streams), which would otherwise hold the server open
   * until SHUTDOWN_TIMEOUT_MS.
   */
  endLongRequests?: () => void;
  /** Releases connections (database, broker) once requests and workers are done. */
  close?: () => Promise<void>;
  /** The service's routes, described: served as an OpenAPI document at /openapi.json. */
  openapi?: ServiceApi;
}

export interface ServiceDefinition<Shape extends z.ZodRawShape> {
  name: string;
  defaultPort: number;
  /** Environment variables the service reads besides the common ones. */
  config: Shape;
  create: (context: ServiceContext<ServiceConfig<Shape>>) => ServiceParts | Promise<ServiceParts>;
}

export type ServiceConfig<Shape extends z.ZodRawShape> = BaseConfig & z.infer<z.ZodObject<Shape>>;

export function defineService<Shape extends z.ZodRawShape>(
  definition: ServiceDefinition<Shape>,
): ServiceDefinition<Shape> {
  return definition;
}

/** A service assembled and ready to listen; tests use `app` directly with supertest. */
export class Service<C extends BaseConfig = BaseConfig> {
  private server?: Server;
  private stopping?: Promise<void>;

  constructor(
    readonly name: string,
    readonly config: C,
    readonly logger: Logger,
    readonly app: Express,
    readonly health: Health,
    private readonly parts: ServiceParts,
  ) {}

  /** Base URL once listening, e.g. `http://127.0.0.1:4000`. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error(`${this.name} is not listening`);
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    const server = createServer(this.app);
    // Longer than the usual 60 s idle timeout of load balancers, so they close first, never us.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    this.server = server;
    server.listen(this.config.PORT, this.config.HOST);
    await once(server, 'listening');
    for (const worker of this.parts.workers ?? []) worker.start();
    this.logger.info({ url: this.url, port: this.config.PORT }, `${this.name} listening`);
  }

  /**
   * Graceful stop: fail readiness, wait `SHUTDOWN_DELAY_MS` for load balancers to notice, stop
   * accepting connections and workers, let in-flight requests and deliveries finish, then close
   * resources. After `SHUTDOWN_TIMEOUT_MS` open connections are cut. Safe to call twice.
   */
  stop(reason = 'stop requested'): Promise<void> {
    this.stopping ??= this.shutDown(reason);
    return this.stopping;
  }

  private async shutDown(reason: string): Promise<void> {
    const { SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS } = this.config;
    this.logger.info({ reason }, `${this.name} shutting down`);
    this.health.markShuttingDown();
    if (SHUTDOWN_DELAY_MS > 0)
      await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DELAY_MS));

    const deadline = setTimeout(() => {
      this.logger.warn('shutdown timeout reached; closing open connections');
      this.server?.closeAllConnections();
    }, SHUTDOWN_TIMEOUT_MS);
    try {
      // Requests first: an in-flight write may still hand work to a worker (e.g. the outbox relay).
      this.parts.endLongRequests?.();
      if (this.server) await closeServer(this.server);
      await Promise.all((this.parts.workers ?? []).map((worker) => worker.stop()));
      await this.parts.close?.();
    } finally {
      clearTimeout(deadline);
    }
    this.logger.info(`${this.name} stopped`);
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    // Connections busy at close time turn idle when their response ends; close those too.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close((error) => {
      clearInterval(sweep);
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING')
        reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

/** Reads config, builds the parts and the app. Does not listen: `start()` does. */
export async function createService<Shape extends z.ZodRawShape>(
  definition: ServiceDefinition<Shape>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Service<ServiceConfig<Shape>>> {
  const schema = z.object({ ...baseConfigShape(definition.defaultPort), ...definition.config });
  const config = loadConfig(schema, env) as ServiceConfig<Shape>;
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const metrics = new Metrics(definition.name);
  const parts = await definition.create({ config, logger, metrics });
  const health = new Health(parts.readiness ?? []);
  const app = createHttpApp({
    logger,
    health,
    metrics,
    jsonBodyLimit: config.JSON_BODY_LIMIT,
    routes: parts.routes,
    openapi: parts.openapi && serviceApiDocument(definition.name, parts.openapi),
  });
  return new Service(definition.name, config, logger, app, health, parts);
}

/**
 * The whole `main.ts` of every app: build, listen, and stop gracefully on SIGTERM/SIGINT.
 * A second signal during shutdown exits at once.
 */
export function runService<Shape extends z.ZodRawShape>(
  definition: ServiceDefinition<Shape>,
): void {
  let service: Service<ServiceConfig<Shape>> | undefined;
  const stopOn = (signal: NodeJS.Signals) => {
    if (!service) process.exit(1);
    process.once(signal, () => process.exit(1));
    const { logger } = service;
    // pino writes asynchronously: flush first, or the last lines come out of order or not at all.
    const exit = (code: number) => logger.flush(() => process.exit(code));
    service.stop(signal).then(
      () => exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.once('SIGTERM', stopOn);
  process.once('SIGINT', stopOn);

  createService(definition)
    .then(async (created) => {
      service = created;
      await created.start();
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`${definition.name} failed to start: ${message}\n`);
      process.exit(1);
    });
}
