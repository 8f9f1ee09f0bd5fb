import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../local/src/free-port';
import { givenByUser, unavailable, type Backend } from './backend';
import { startServer } from './server-process';
import { isExecutable, which } from './which';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');
/** mongodb-memory-server downloads mongod on first use; offline that fails, which must not take long. */
const DOWNLOAD_TIMEOUT_MS = 20_000;

/**
 * A MongoDB for the suites that need one, the first that works of: MONGO_URL; a FerretDB binary
 * (built by infra/ci/build-ferretdb.sh, or on PATH) started on a free port; mongod from
 * mongodb-memory-server, if it can be downloaded. Otherwise none, and those suites are skipped.
 */
export async function findMongo(env: NodeJS.ProcessEnv, workDir: string): Promise<Backend> {
  if (env.MONGO_URL) return givenByUser(env.MONGO_URL, 'MONGO_URL');
  const ferretdb = ferretdbBinary(env);
  if (ferretdb) return startFerretdb(ferretdb, workDir);
  return (
    (await startMemoryServer()) ??
    unavailable(
      `no MONGO_URL, no FerretDB at ${ferretdbCachePath(env)} or on PATH, ` +
        'and mongodb-memory-server could not download mongod',
    )
  );
}

/** Where infra/ci/build-ferretdb.sh puts the binary; the version comes from the Go module. */
export function ferretdbCachePath(env: NodeJS.ProcessEnv): string {
  const goMod = readFileSync(path.join(WORKSPACE_ROOT, 'infra/ci/ferretdb/go.mod'), 'utf8');
  const version = /github\.com\/FerretDB\/FerretDB (v\S+)/.exec(goMod)?.[1] ?? 'unknown';
  const cacheHome = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheHome, 'blog-microservices', `ferretdb-${version}`, 'ferretdb');
}

function ferretdbBinary(env: NodeJS.ProcessEnv): string | undefined {
  const cached = ferretdbCachePath(env);
  return isExecutable(cached) ? cached : which('ferretdb', env);
}

async function startFerretdb(binary: string, workDir: string): Promise<Backend> {
  const port = await freePort();
  const server = await startServer(
    binary,
    [`-listen=127.0.0.1:${port}`, `-dir=${path.join(workDir, 'ferretdb')}`, '-log-level=error'],
    { port, logFile: path.join(workDir, 'ferretdb.log') },
  );
  return {
    url: `mongodb://127.0.0.1:${port}`,
    source: `FerretDB on SQLite, started from ${binary}`,
    stop: () => server.stop(),
  };
}

async function startMemoryServer(): Promise<Backend | undefined> {
  const { MongoBinary, MongoMemoryServer } = await import('mongodb-memory-server-core');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), DOWNLOAD_TIMEOUT_MS);
  });
  try {
    // Quietly fails (or times out) where mongod cannot be downloaded; create() would print a lot.
    const binary = await Promise.race([MongoBinary.getPath(), timeout]);
    if (!binary) return undefined;
    const server = await MongoMemoryServer.create();
    return {
      url: server.getUri(),
      source: `mongod from mongodb-memory-server (${binary})`,
      stop: async () => {
        await server.stop();
      },
    };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
