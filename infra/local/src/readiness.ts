import { get } from 'node:http';
import type { ExitStatus } from './service-process';

const POLL_INTERVAL_MS = 100;
const REQUEST_TIMEOUT_MS = 2000;

/**
 * Polls `GET <url>/readyz` until the service answers 200. Fails early when the process ends
 * first (it could not start: a bad setting, a port in use) and after `timeoutMs` otherwise,
 * saying what the service last answered.
 */
export async function waitUntilReady(
  name: string,
  url: string,
  { timeoutMs, exited }: { timeoutMs: number; exited: Promise<ExitStatus> },
): Promise<void> {
  let exit: ExitStatus | undefined;
  void exited.then((status) => (exit = status));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) throw new Error(`${name} exited (${describeExit(exit)}) before it was ready`);
    const answer = await probe(`${url}/readyz`);
    if (answer.status === 200) return;
    if (Date.now() >= deadline) {
      const said = answer.status ? `${answer.status} ${answer.body}` : answer.body;
      throw new Error(`${name} was not ready after ${timeoutMs} ms; last answer: ${said}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

export function describeExit({ code, signal }: ExitStatus): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

function probe(url: string): Promise<{ status?: number; body: string }> {
  return new Promise((resolve) => {
    // No keep-alive: a probe must not hold a connection that keeps a test process running.
    const request = get(url, { agent: false, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
      response.on('error', (error) => resolve({ body: error.message }));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => resolve({ body: error.message }));
  });
}
