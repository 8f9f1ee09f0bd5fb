import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Backend } from '../../testing/src/backend';
import { findMongo } from '../../testing/src/mongodb';
import { findNats } from '../../testing/src/nats';

export interface RealBackends {
  mongo: Backend;
  nats: Backend;
  /** Stops what was started for the bench and removes its files. */
  release(): Promise<void>;
}

/**
 * MongoDB and NATS the way `npm test` finds them: MONGO_URL / NATS_URL, or servers started for
 * the run (FerretDB, nats-server) on temporary directories.
 */
export async function findRealBackends(): Promise<RealBackends> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'blog-bench-'));
  const mongo = await findMongo(process.env, workDir);
  const nats = await findNats(process.env, workDir);
  return {
    mongo,
    nats,
    release: async () => {
      await Promise.all([mongo.stop(), nats.stop()]);
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
