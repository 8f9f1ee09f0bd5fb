import type { PostStreamEventType, PostStreamMessage } from '@blog/contracts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveUpdateHandlers {
  /** The stream is (again) open; the first time, load the page. */
  onReady: (first: boolean) => void;
  onMessage: (message: PostStreamMessage) => void;
  onStatus: (status: LiveStatus) => void;
}

// Listed here rather than imported: @blog/contracts would bring zod into the page.
const TYPES: readonly PostStreamEventType[] = ['PostCreated', 'CommentCreated', 'CommentUpdated'];
const RETRY_MS = { initial: 1000, max: 30_000 };

/**
 * Follows `GET /posts/stream` (query, through the gateway or the ingress) and hands each change
 * over. The browser's EventSource reconnects by itself after a dropped connection, sending
 * Last-Event-ID, so nothing is missed. It gives up on an answer that is not a stream (a 502
 * while query restarts, a 503 from a full instance): then a new EventSource starts, with backoff,
 * from the last position seen (`?after=`). Returns the function that stops following.
 */
export function followChanges({ onReady, onMessage, onStatus }: LiveUpdateHandlers): () => void {
  let position: number | undefined;
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let opened = false;

  const connect = () => {
    onStatus(opened ? 'reconnecting' : 'connecting');
    source = new EventSource(
      position === undefined ? '/posts/stream' : `/posts/stream?after=${position}`,
    );
    source.addEventListener('ready', (event: MessageEvent<string>) => {
      position = (JSON.parse(event.data) as { after: number }).after;
      failures = 0;
      onStatus('live');
      onReady(!opened);
      opened = true;
    });
    for (const type of TYPES) {
      source.addEventListener(type, (event: MessageEvent<string>) => {
        position = Number(event.lastEventId);
        const data: unknown = JSON.parse(event.data);
        onMessage({ seq: position, type, data } as PostStreamMessage);
      });
    }
    source.addEventListener('error', () => {
      if (source?.readyState !== EventSource.CLOSED) {
        onStatus('reconnecting');
        return;
      }
      failures += 1;
      onStatus('reconnecting');
      const delay = Math.min(RETRY_MS.max, RETRY_MS.initial * 2 ** (failures - 1));
      retry = setTimeout(connect, delay * (0.5 + Math.random() / 2));
    });
  };

  connect();
  return () => {
    clearTimeout(retry);
    source?.close();
  };
}
