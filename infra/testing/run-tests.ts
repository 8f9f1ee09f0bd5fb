/**
 * `npm test`: every project's tests, with real backends whenever this machine can have them.
 *
 * 1. Finds or starts MongoDB (MONGO_URL, FerretDB, mongodb-memory-server) and NATS (NATS_URL,
 *    nats-server), and says which suites use what; missing ones are announced in a box at the
 *    start and again at the end, because their suites are skipped.
 * 2. Runs `nx run-many -t test` with MONGO_URL / NATS_URL set; extra arguments go to Nx
 *    (`npm test -- -p posts`). REQUIRE_TEST_BACKENDS=1 (CI) makes a missing backend an error.
 * 3. Stops what it started, also on Ctrl-C, and exits with Nx's exit code.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Backend } from './src/backend';
import { findMongo } from './src/mongodb';
import { findNats } from './src/nats';
import { runNxTests } from './src/nx-tests';
import { backendsBanner, skippedSuitesBox, type Backends } from './src/report';
import { closingLine } from './src/test-counts';

const write = (text: string) => process.stdout.write(`${text}\n`);

const workDir = mkdtempSync(path.join(tmpdir(), 'blog-tests-'));
const started: Backend[] = [];
let nx: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

async function cleanUp(): Promise<void> {
  await Promise.all(started.map((backend) => backend.stop()));
  rmSync(workDir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const mongo = await findMongo(process.env, workDir);
  started.push(mongo);
  const nats = await findNats(process.env, workDir);
  started.push(nats);
  const backends: Backends = { mongo, nats };
  write(backendsBanner(backends));
  const box = skippedSuitesBox(backends);
  if (box) write(box);
  if (box && process.env.REQUIRE_TEST_BACKENDS === '1') {
    write('REQUIRE_TEST_BACKENDS=1: refusing to run with suites skipped.');
    return 1;
  }

  if (interrupted) return SIGNAL_EXIT_CODES[interrupted] ?? 1;
  const run = runNxTests(process.argv.slice(2), {
    ...process.env,
    NX_DAEMON: 'false',
    // Nx colours its tasks' output even into a pipe; keep colours for terminals only.
    FORCE_COLOR: process.stdout.isTTY ? '1' : '0',
    ...(backends.mongo.url && { MONGO_URL: backends.mongo.url }),
    ...(backends.nats.url && { NATS_URL: backends.nats.url }),
  });
  nx = run.child;
  const { exitCode, counts } = await run.finished;
  if (interrupted) return SIGNAL_EXIT_CODES[interrupted] ?? 1;
  write('');
  write(backendsBanner(backends));
  if (box) write(box);
  write(closingLine(counts));
  return exitCode;
}

// Ctrl-C reaches Nx too (same terminal); a SIGTERM is passed on. Either way main() ends once
// Nx has, and cleans up. npm and tsx relay the signal as well, so it may arrive more than once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted ??= signal;
    nx?.kill(signal);
  });
}

void main()
  .catch((error: unknown) => {
    // Interrupted while starting a backend, which got the Ctrl-C too: nothing to report.
    if (interrupted) return SIGNAL_EXIT_CODES[interrupted] ?? 1;
    write(`npm test could not run: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  })
  .then(async (exitCode) => {
    await cleanUp();
    process.exit(exitCode);
  });
