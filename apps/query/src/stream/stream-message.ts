import type { PostStreamMessage } from '@blog/contracts';
import type { LoggedEvent } from '@blog/messaging';

/** The change a reader sees in a log event, or undefined for events that change nothing shown. */
export function toStreamMessage({ seq, event }: LoggedEvent): PostStreamMessage | undefined {
  switch (event.type) {
    case 'PostCreated':
      return { seq, type: event.type, data: event.data };
    case 'CommentCreated':
      return { seq, type: event.type, data: event.data };
    case 'CommentUpdated':
      return { seq, type: event.type, data: event.data };
    default:
      // CommentModerated is a verdict for comments; readers see its outcome as CommentUpdated.
      return undefined;
  }
}

/**
 * One server-sent event (the `text/event-stream` format of the HTML standard). JSON has no raw
 * line breaks, so `data` is always a single line.
 */
export function sseFrame(id: number, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
