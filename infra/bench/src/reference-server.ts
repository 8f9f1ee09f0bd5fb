import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ReferenceServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts `hello-world.ts` in a Node process of its own and resolves once it listens. */
export async function startReferenceServer(): Promise<ReferenceServer> {
  const program = path.join(__dirname, 'hello-world.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', program], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await Promise.race([
    once(createInterface({ input: child.stdout }), 'line'),
    once(child, 'exit').then(() => {
      throw new Error('the hello-world server exited before listening');
    }),
  ])) as [string];
  const { port } = JSON.parse(line) as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
