import type { Comment, PageQuery, Post, PostWithComments } from '@blog/contracts';

/** A comment as some event describes it, at the version that event carries (0 = its creation). */
export interface CommentChange extends Comment {
  postId: string;
  version: number;
}

/**
 * The read model: posts with their comments, built only from events. Events may arrive twice and
 * out of order, so every write is idempotent and order-tolerant.
 */
export interface ReadModelStore {
  /** Records a post; a post already recorded is left as it is (posts never change). */
  addPost(post: Post): Promise<void>;
  /**
   * Stores the comment at `change.version` unless the version stored is the same or newer.
   * A comment whose post is unknown is kept, hidden, until its post arrives.
   */
  applyComment(change: CommentChange): Promise<void>;
  /** The post with its comments in creation order; nothing for a post not recorded yet. */
  getPost(id: string): Promise<PostWithComments | undefined>;
  /** Recorded posts in creation order, `limit` at most, after the post whose id is `after`. */
  listPosts(page: PageQuery): Promise<PostWithComments[]>;
}
