import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { SERVICES, type StackPorts } from './services';

/**
 * A port nothing listens on right now: the OS picks it for a throwaway listener, which is then
 * closed. Another process could take it in between; for tests and local runs that risk is small.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A different free port for every service and the gateway. */
export async function freeStackPorts(): Promise<StackPorts> {
  const taken = new Set<number>();
  const entries: [string, number][] = [];
  for (const name of [...SERVICES, 'gateway']) {
    let port: number;
    do port = await freePort();
    while (taken.has(port));
    taken.add(port);
    entries.push([name, port]);
  }
  return Object.fromEntries(entries) as StackPorts;
}
