import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every podman call reads containers.conf beside this file (runtime and limits). */
const env = { ...process.env, CONTAINERS_CONF: path.join(__dirname, 'containers.conf') };

/** Runs podman and returns its standard output; fails with its standard error. */
export async function podman(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('podman', args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`podman ${args.join(' ')} failed:\n${stderr ?? String(error)}`, {
      cause: error,
    });
  }
}

/** Runs a long podman command (a build) with its output in `logFile`; resolves to its exit code. */
export function podmanLogged(args: string[], logFile: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn('podman', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', reject);
    child.on('close', (code) => log.end(() => resolve(code ?? 1)));
  });
}

export async function imageExists(reference: string): Promise<boolean> {
  try {
    await podman('image', 'exists', reference);
    return true;
  } catch {
    return false;
  }
}

export async function imageSize(reference: string): Promise<number> {
  return Number(await podman('image', 'inspect', '--format', '{{.Size}}', reference));
}
