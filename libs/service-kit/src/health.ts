import { Router } from 'express';

/** Something the service needs before it can do its work: its database, its broker. */
export interface ReadinessCheck {
  name: string;
  /** True when usable. Throwing or taking over the time limit counts as not ready. */
  check: () => boolean | Promise<boolean>;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * Liveness says "the process answers"; readiness says "send me work". A service is ready once
 * every dependency has answered (all at once) since it started, and stops being ready only when
 * it shuts down. A dependency that fails later is named on /readyz (`checks`), but the service
 * stays in its Service's endpoints and answers 503 with the error shape for what needs it: when
 * a database all replicas share is down, taking every replica out of the Service would turn
 * those answers into refused connections, and its recovery into a wait for the probes.
 */
export class Health {
  private shuttingDown = false;
  private hasBeenReady = false;

  constructor(private readonly checks: ReadinessCheck[]) {}

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, 'up' | 'down'> }> {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => [name, await passes(check)] as const),
    );
    const checks = Object.fromEntries(
      results.map(([name, up]) => [name, up ? 'up' : 'down'] as const),
    );
    this.hasBeenReady ||= results.every(([, up]) => up);
    return { ready: !this.shuttingDown && this.hasBeenReady, checks };
  }

  routes(): Router {
    const router = Router();
    router.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    router.get('/readyz', async (_req, res) => {
      const { ready, checks } = await this.readiness();
      if (ready) {
        res.json({ status: 'ready', checks });
        return;
      }
      const errors = this.shuttingDown
        ? [{ message: 'shutting down' }]
        : Object.entries(checks)
            .filter(([, state]) => state === 'down')
            .map(([name]) => ({ message: `${name} is unavailable`, field: name }));
      res.status(503).json({ status: 'not ready', checks, errors });
    });
    return router;
  }
}

async function passes(check: ReadinessCheck['check']): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
