import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** What a finished command printed, and how it ended. */
export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Also appends everything the command prints to this file. */
  logFile?: string;
  /** Stops the command (SIGTERM, then SIGKILL) after this long. */
  timeoutMs?: number;
  input?: string;
}

/** Runs a command to its end and resolves with its output, whatever its exit code. */
export function attempt(command: string, args: string[], options: RunOptions): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
    log?.write(`\n$ ${command} ${args.join(' ')}\n`);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      log?.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      log?.write(chunk);
    });
    child.stdin.end(options.input ?? '');
    const timer = options.timeoutMs ? setTimeout(() => stop(child), options.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      log?.end();
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Runs a command and resolves with its standard output; rejects, with its output, on failure. */
export async function run(command: string, args: string[], options: RunOptions): Promise<string> {
  const result = await attempt(command, args, options);
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${output}`);
  }
  return result.stdout;
}

/** A command left running in the background, its output in a log file. */
export interface Background {
  child: ChildProcess;
  /** Resolves with the exit code once it has ended. */
  ended: Promise<number>;
  output: () => string;
}

export function background(command: string, args: string[], options: RunOptions): Background {
  const child = spawn(command, args, {
    env: options.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log?.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const ended = new Promise<number>((resolve) => {
    child.on('close', (code, signal) => {
      log?.end();
      resolve(code ?? (signal ? 128 : 1));
    });
  });
  return { child, ended, output: () => output };
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
export function stop(child: ChildProcess, graceMs = 10_000): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, graceMs).unref();
}
