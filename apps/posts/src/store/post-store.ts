import type { EventOfType, PageQuery, Post } from '@blog/contracts';
import type { OutboxStore } from '@blog/messaging';

export interface PostStore extends OutboxStore {
  /** Saves the post together with the PostCreated event that announces it, atomically. */
  create(post: Post, event: EventOfType<'PostCreated'>): Promise<void>;
  get(id: string): Promise<Post | undefined>;
  /** Posts in creation order, `limit` at most, after the post whose id is `after`. */
  list(page: PageQuery): Promise<Post[]>;
}
