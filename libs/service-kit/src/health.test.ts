import express from 'express';
import request from 'supertest';
import { Health } from './health';

describe('readiness', () => {
  let up: Record<string, () => boolean | Promise<boolean>>;
  let health: Health;
  const readyz = () => request(express().use(health.routes())).get('/readyz');

  beforeEach(() => {
    up = { database: () => true, broker: () => Promise.resolve(true) };
    health = new Health([
      { name: 'database', check: () => up.database!() },
      { name: 'broker', check: () => up.broker!() },
    ]);
  });

  it('is 503 naming the check that is down until every check has passed once', async () => {
    up.broker = () => Promise.resolve(false);
    const response = await readyz().expect(503);
    expect(response.body).toEqual({
      status: 'not ready',
      checks: { database: 'up', broker: 'down' },
      errors: [{ message: 'broker is unavailable', field: 'broker' }],
    });
    up.broker = () => Promise.resolve(true);
    await readyz().expect(200, { status: 'ready', checks: { database: 'up', broker: 'up' } });
  });

  it('stays ready through a later outage of a dependency, and names it', async () => {
    await readyz().expect(200);
    up.database = () => false;
    await readyz().expect(200, { status: 'ready', checks: { database: 'down', broker: 'up' } });
  });

  it('counts a check that throws or never answers as down', async () => {
    up.database = () => {
      throw new Error('no connection');
    };
    up.broker = () => new Promise<boolean>(() => {});
    const response = await readyz().expect(503);
    expect(response.body.checks).toEqual({ database: 'down', broker: 'down' });
  });

  it('is 503 once the service shuts down', async () => {
    await readyz().expect(200);
    health.markShuttingDown();
    const response = await readyz().expect(503);
    expect(response.body.errors).toEqual([{ message: 'shutting down' }]);
  });
});
