import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { TestCountCollector, type TestCounts } from './test-counts';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** Settings the run needs unless the caller chose otherwise (`npm test -- --parallel=1`). */
const DEFAULT_OPTIONS = {
  // Two cores, and the suites start servers of their own.
  '--parallel': '2',
  // Every suite's output in the log, in one piece, also for CI.
  '--outputStyle': 'static',
};

export interface NxTestRun {
  child: ChildProcess;
  /** Nx's exit code (signals count as failure) and the tests jest counted. */
  finished: Promise<{ exitCode: number; counts: TestCounts }>;
}

/**
 * `nx run-many -t test` with the backends' URLs in its environment, its output passed through
 * as it comes and read on the way for jest's test counts.
 */
export function runNxTests(args: string[], env: NodeJS.ProcessEnv): NxTestRun {
  const given = new Set(args.map((arg) => arg.split('=')[0]));
  const defaults = Object.entries(DEFAULT_OPTIONS)
    .filter(([option]) => !given.has(option))
    .map(([option, value]) => `${option}=${value}`);
  const nx = path.join(WORKSPACE_ROOT, 'node_modules/.bin/nx');
  const child = spawn(nx, ['run-many', '-t', 'test', ...defaults, ...args], {
    cwd: WORKSPACE_ROOT,
    env,
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  const collector = new TestCountCollector();
  const copied = [
    tee(child.stdout, process.stdout, collector),
    tee(child.stderr, process.stderr, collector),
  ];
  const finished = new Promise<{ exitCode: number; counts: TestCounts }>((resolve) => {
    child.once('close', (code) => {
      void Promise.all(copied).then(() =>
        resolve({ exitCode: code ?? 1, counts: collector.counts }),
      );
    });
  });
  return { child, finished };
}

function tee(from: Readable, to: Writable, collector: TestCountCollector): Promise<void> {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  lines.on('line', (line) => {
    to.write(`${line}\n`);
    collector.addLine(line);
  });
  return new Promise((resolve) => lines.once('close', resolve));
}
