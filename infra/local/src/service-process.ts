import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcessOptions {
  name: string;
  /** The app's bundle, `dist/apps/<name>/main.js`. */
  bundle: string;
  env: NodeJS.ProcessEnv;
  /** Receives every line the service prints, stdout and stderr alike. */
  onLine: (line: string) => void;
  /** The process ended without `stop()` being called: a crash. */
  onUnexpectedExit: (status: ExitStatus) => void;
}

/** Longer than a service's own SHUTDOWN_TIMEOUT_MS (10 s), so a graceful stop is never cut short. */
const STOP_TIMEOUT_MS = 15_000;

/** One service as a Node process run from its bundle; can be stopped and started again. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exit: Promise<ExitStatus> = Promise.resolve({ code: 0, signal: null });
  private stopping = false;

  constructor(private readonly options: ServiceProcessOptions) {}

  get name(): string {
    return this.options.name;
  }

  get isRunning(): boolean {
    return this.child !== undefined;
  }

  /** Resolves when the process has ended (at once if it is not running). */
  get exited(): Promise<ExitStatus> {
    return this.exit;
  }

  start(): void {
    if (this.child) throw new Error(`${this.name} is already running`);
    const { bundle, env, onLine, onUnexpectedExit } = this.options;
    const child = spawn(process.execPath, ['--enable-source-maps', bundle], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.stopping = false;
    forwardLines(child.stdout, onLine);
    forwardLines(child.stderr, onLine);
    // 'close' comes after the output streams are drained, so the last lines are never lost.
    this.exit = new Promise((resolve) => {
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    void this.exit.then((status) => {
      this.child = undefined;
      if (!this.stopping) onUnexpectedExit(status);
    });
  }

  /**
   * Sends `signal` (SIGTERM: the service shuts down gracefully; SIGKILL: a crash, for fault
   * tests) and waits for the process to end. A process still there after the timeout is killed.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitStatus> {
    const child = this.child;
    if (!child) return this.exit;
    this.stopping = true;
    child.kill(signal);
    const deadline = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      return await this.exit;
    } finally {
      clearTimeout(deadline);
    }
  }
}

function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}
