import { EVENT_TYPES, isEventType, type EventType } from '@blog/contracts';
import { z } from 'zod';

/** A service the bus delivers events to, as configured in `SUBSCRIBERS`. */
export interface Subscriber {
  /** Names its place in the log (a durable consumer in JetStream): renaming starts it over. */
  name: string;
  /** Where each event is POSTed, e.g. `http://localhost:4002/events`. */
  url: string;
  /** The event types it takes; `null` means every type. */
  types: readonly EventType[] | null;
}

export function takesEvent(subscriber: Subscriber, type: EventType): boolean {
  return subscriber.types === null || subscriber.types.includes(type);
}

/** The local topology that `npm start` runs. */
export const DEFAULT_SUBSCRIBERS = [
  'query[PostCreated|CommentCreated|CommentUpdated]=http://localhost:4002/events',
  'comments[PostCreated|CommentModerated]=http://localhost:4001/events',
  'moderation[CommentCreated]=http://localhost:4003/events',
].join(',');

// Names become JetStream consumer names, which may not contain `.`, `*`, `>` or whitespace.
const ENTRY = /^(?<name>[A-Za-z0-9_-]{1,64})(?:\[(?<types>[^\]]*)\])?=(?<url>\S+)$/;
const subscriberUrl = z.url({ protocol: /^https?$/ });

/**
 * `SUBSCRIBERS`: comma-separated `name=url` (every event type) or `name[TypeA|TypeB]=url`.
 * Every mistake is reported at start-up, naming the entry, rather than found at the first delivery.
 */
export const subscribersSetting = z.string().transform((value, ctx) => {
  const subscribers: Subscriber[] = [];
  const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
  for (const entry of value.split(',').map((item) => item.trim())) {
    const groups = ENTRY.exec(entry)?.groups;
    if (!groups?.name || !groups.url) {
      problem(`"${entry}" must look like name=url or name[TypeA|TypeB]=url`);
      continue;
    }
    const { name, url } = groups;
    if (!subscriberUrl.safeParse(url).success) problem(`"${entry}": ${url} is not an http(s) URL`);
    if (subscribers.some((subscriber) => subscriber.name === name)) {
      problem(`"${entry}": the name ${name} is used twice`);
    }
    subscribers.push({ name, url, types: parseTypes(groups.types, entry, problem) });
  }
  return subscribers;
});

function parseTypes(
  list: string | undefined,
  entry: string,
  problem: (message: string) => void,
): EventType[] | null {
  if (list === undefined) return null;
  const names = list.split('|').map((item) => item.trim());
  const unknown = names.filter((name) => !isEventType(name));
  if (unknown.length > 0) {
    problem(
      `"${entry}": unknown event type ${unknown.map((name) => `"${name}"`).join(', ')} ` +
        `(known: ${EVENT_TYPES.join(', ')}; leave out the brackets for every type)`,
    );
  }
  return names.filter(isEventType);
}
