import type { EventHandlers } from '@blog/messaging';
import type { ReadModelStore } from './store/read-model-store';

/**
 * How each event changes the read model, for pushed deliveries and for the log replay alike.
 * Delivery is at-least-once and unordered; the store's writes make both harmless.
 */
export function readModelHandlers(store: ReadModelStore): EventHandlers {
  return {
    PostCreated: ({ data }) => store.addPost(data),
    // A comment's creation is its version 0; every CommentUpdated carries a higher one.
    CommentCreated: ({ data }) => store.applyComment({ ...data, version: 0 }),
    CommentUpdated: ({ data }) => store.applyComment(data),
  };
}
