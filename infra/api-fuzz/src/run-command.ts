import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  /** Default: the output goes to this process's stdout and stderr as it comes. */
  quiet?: boolean;
}

export interface RunResult {
  code: number;
  /** stdout and stderr, interleaved as they came. */
  output: string;
}

/** Runs a program to its end; resolves with its exit code (a signal counts as 1) and output. */
export function runCommand(
  command: string,
  args: readonly string[],
  { cwd, quiet = false }: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      if (!quiet) target.write(chunk);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
