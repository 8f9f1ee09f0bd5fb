/**
 * `npm start`: the whole blog on this machine, with no dependencies (everything in memory) or
 * with MongoDB / NATS when MONGO_URL / NATS_URL are set. Ctrl-C stops it all gracefully.
 */
import { readyBanner } from './banner';
import { launcherOptions } from './launcher-config';
import { describeExit } from './readiness';
import type { ServiceName } from './services';
import { startStack, type Stack } from './stack';
import type { ExitStatus } from './service-process';

const write = (text: string) => process.stdout.write(`${text}\n`);

let stack: Stack | undefined;
/** Set once the launcher is on its way out; the code it will exit with. */
let exitCode: number | undefined;

function shutDown(code: number, message: string): void {
  if (exitCode !== undefined) return;
  exitCode = code;
  write(message);
  // Before the stack is up, main() sees exitCode once startStack settles and stops it there.
  void stack?.stop().then(() => process.exit(code));
}

function reportCrash(service: ServiceName, status: ExitStatus): void {
  const bar = '!'.repeat(72);
  shutDown(
    1,
    `${bar}\n!!! ${service} exited unexpectedly (${describeExit(status)}); stopping the others.\n${bar}`,
  );
}

async function main(): Promise<void> {
  const options = launcherOptions(process.env);
  // npm, Nx and tsx relay Ctrl-C too, so it arrives more than once: shutDown acts on the first.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => shutDown(0, `\n${signal}: stopping every service...`));
  }
  stack = await startStack({ ...options, onUnexpectedExit: reportCrash });
  if (exitCode !== undefined) {
    await stack.stop();
    process.exit(exitCode);
  }
  write(readyBanner(stack.ports, options));
}

main().catch((error: unknown) => {
  // startStack stops whatever it had started before it fails.
  if (exitCode === undefined) write(`Could not start the blog: ${(error as Error).message}`);
  process.exit(exitCode ?? 1);
});
