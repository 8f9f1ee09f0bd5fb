import type { EventOfType, PageQuery, Post } from '@blog/contracts';
import { MemoryOutbox } from '@blog/messaging';
import type { PostStore } from './post-store';

export class MemoryPostStore extends MemoryOutbox implements PostStore {
  // Ids are time-ordered and inserted in creation order, so insertion order is id order.
  private readonly posts = new Map<string, Post>();

  create(post: Post, event: EventOfType<'PostCreated'>): Promise<void> {
    this.posts.set(post.id, { ...post });
    this.append(post.id, event);
    return Promise.resolve();
  }

  get(id: string): Promise<Post | undefined> {
    const post = this.posts.get(id);
    return Promise.resolve(post && { ...post });
  }

  list({ limit, after }: PageQuery): Promise<Post[]> {
    const page: Post[] = [];
    for (const post of this.posts.values()) {
      if (page.length >= limit) break;
      if (after === undefined || post.id > after) page.push({ ...post });
    }
    return Promise.resolve(page);
  }
}
