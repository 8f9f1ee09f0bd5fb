import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/**
 * New ids are UUIDv7: unique without coordination and ordered by creation time, which is what
 * lets every list endpoint page with `?after=<id>` in creation order.
 */
export function newId(): string {
  return uuidv7();
}

const BLOG_NAMESPACE = '0b6f8e52-3c1e-4b8a-9a57-5f2d1c7e9a10';

/**
 * The same inputs always give the same UUID (v5). Events derived from another event get an id
 * this way, so a redelivery that produces the event again is recognised by the event-bus as a
 * duplicate instead of being stored twice.
 */
export function deterministicId(...parts: (string | number)[]): string {
  return uuidv5(parts.join(':'), BLOG_NAMESPACE);
}
