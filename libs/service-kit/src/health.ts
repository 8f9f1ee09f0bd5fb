import { Router } from 'express';

/** Something the service needs before it can do its work: its database, its broker. */
export interface ReadinessCheck {
  name: string;
  /** True when usable. Throwing or taking over the time limit counts as not ready. */
  check: () => boolean | Promise<boolean>;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * Liveness says "the process answers"; readiness says "send me work". A service that is shutting
 * down, or whose dependencies are unreachable, stays alive but stops being ready.
 */
export class Health {
  private shuttingDown = false;

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
    return { ready: !this.shuttingDown && results.every(([, up]) => up), checks };
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
