import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';

/**
 * Suites that need a real MongoDB or NATS server read its URL from MONGO_URL / NATS_URL, which
 * `npm test` sets when it finds or starts one. Without it they are skipped, and the skip shows
 * up in the suite's name so it cannot pass unnoticed.
 */
export const backends = {
  mongoUrl: process.env.MONGO_URL || undefined,
  natsUrl: process.env.NATS_URL || undefined,
};

export const describeWithMongo = (name: string, suite: () => void): void =>
  backends.mongoUrl
    ? describe(`${name} [MongoDB]`, suite)
    : describe.skip(`${name} [SKIPPED: no MongoDB, set MONGO_URL]`, suite);

export const describeWithNats = (name: string, suite: () => void): void =>
  backends.natsUrl
    ? describe(`${name} [NATS JetStream]`, suite)
    : describe.skip(`${name} [SKIPPED: no NATS, set NATS_URL]`, suite);

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** MONGO_URL pointed at a fresh database of its own, so suites running in parallel never meet. */
export function uniqueMongoUrl(prefix: string): string {
  if (!backends.mongoUrl) throw new Error('MONGO_URL is not set');
  const url = new URL(backends.mongoUrl);
  url.pathname = `/${uniqueName(prefix)}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const connection = await mongoose
    .createConnection(url, { serverSelectionTimeoutMS: 3000 })
    .asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}
