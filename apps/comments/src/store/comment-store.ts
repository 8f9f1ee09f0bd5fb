import type { Comment, EventOfType, PageQuery } from '@blog/contracts';
import type { OutboxStore } from '@blog/messaging';

/** A comment as this service keeps it: its API shape, the post it belongs to, and its version. */
export interface StoredComment extends Comment {
  postId: string;
  /** 0 at creation; every change adds one. Updates compare it to detect concurrent writers. */
  version: number;
}

export interface CommentStore extends OutboxStore {
  /** Saves the comment together with the CommentCreated event that announces it, atomically. */
  create(comment: StoredComment, event: EventOfType<'CommentCreated'>): Promise<void>;
  get(id: string): Promise<StoredComment | undefined>;
  /** The post's comments in creation order, `limit` at most, after the comment whose id is `after`. */
  listByPost(postId: string, page: PageQuery): Promise<Comment[]>;
  /**
   * Replaces the comment with `comment` and appends `event`, in one atomic write, only if its
   * stored version is still `expectedVersion`. False when another writer changed it first: the
   * caller re-reads and decides again.
   */
  update(
    comment: StoredComment,
    expectedVersion: number,
    event: EventOfType<'CommentUpdated'>,
  ): Promise<boolean>;
  /** Records that a post exists; remembering it again changes nothing. */
  rememberPost(postId: string): Promise<void>;
  knowsPost(postId: string): Promise<boolean>;
}
