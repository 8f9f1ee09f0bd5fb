import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { SERVICES } from '../../local/src';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** Builds the bundles the stack runs (Nx takes them from its cache when nothing changed). */
export async function buildApps(): Promise<void> {
  const nx = path.join(WORKSPACE_ROOT, 'node_modules/.bin/nx');
  const child = spawn(nx, ['run-many', '-t', 'build', '-p', ...SERVICES, '--outputStyle=static'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NX_DAEMON: 'false' },
    // Its output goes where the bench's progress goes, not among the figures.
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`building the apps failed (exit code ${code})`);
}
