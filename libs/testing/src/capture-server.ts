import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type Responder = (request: CapturedRequest) => number | Promise<number>;

/**
 * A real HTTP server that records what it receives and answers with the status `respond`
 * returns: a subscriber or an event-bus under the test's control, reached over real sockets.
 */
export class CaptureServer {
  readonly requests: CapturedRequest[] = [];
  respond: Responder = () => 200;
  private constructor(private readonly server: Server) {}

  static async start(respond?: Responder): Promise<CaptureServer> {
    const server = createServer();
    const capture = new CaptureServer(server);
    if (respond) capture.respond = respond;
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const request: CapturedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: text ? safeJson(text) : undefined,
        };
        capture.requests.push(request);
        // A responder that throws answers 500, like a subscriber that crashed on the request.
        void Promise.resolve()
          .then(() => capture.respond(request))
          .catch(() => 500)
          .then((status) => {
            res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
          });
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return capture;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  bodies<T = unknown>(): T[] {
    return this.requests.map((request) => request.body as T);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
