import { get, type IncomingMessage } from 'node:http';

/** One server-sent event as a browser's EventSource would dispatch it. */
export interface SseMessage {
  id?: string;
  event: string;
  data: unknown;
}

/**
 * A minimal EventSource for tests (Node 20 has none): opens `url` on a connection of its own,
 * parses the `text/event-stream` answer into messages and comment lines, and can be closed.
 */
export class SseReader {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  /** Resolves when the server ends the stream (or it is closed). */
  readonly ended: Promise<void>;
  private buffer = '';

  private constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
    this.ended = new Promise((resolve) => response.once('close', resolve));
  }

  /** Resolves once the answer's headers arrived; the status may be anything. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    return new Promise((resolve, reject) => {
      // No keep-alive: closing the reader closes its connection, as a browser tab does.
      get(url, { agent: false, headers: { accept: 'text/event-stream', ...headers } }, (res) =>
        resolve(new SseReader(res)),
      ).on('error', reject);
    });
  }

  get status(): number | undefined {
    return this.response.statusCode;
  }

  header(name: string): string | undefined {
    const value = this.response.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** The messages whose SSE `event` is `event`. */
  of(event: string): SseMessage[] {
    return this.messages.filter((message) => message.event === event);
  }

  close(): void {
    this.response.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      this.parse(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 2);
    }
  }

  private parse(block: string): void {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else {
        const colon = line.indexOf(':');
        fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
      }
    }
    if (fields.data === undefined) return;
    this.messages.push({
      ...(fields.id === undefined ? {} : { id: fields.id }),
      event: fields.event ?? 'message',
      data: JSON.parse(fields.data),
    });
  }
}
