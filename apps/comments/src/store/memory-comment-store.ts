import type { Comment, EventOfType, PageQuery } from '@blog/contracts';
import { MemoryOutbox } from '@blog/messaging';
import type { CommentStore, StoredComment } from './comment-store';

export class MemoryCommentStore extends MemoryOutbox implements CommentStore {
  private readonly comments = new Map<string, StoredComment>();
  // Ids are time-ordered and appended in creation order, so each list is in id order.
  private readonly commentIdsByPost = new Map<string, string[]>();
  private readonly knownPosts = new Set<string>();

  create(comment: StoredComment, event: EventOfType<'CommentCreated'>): Promise<void> {
    this.comments.set(comment.id, { ...comment });
    const postCommentIds = this.commentIdsByPost.get(comment.postId) ?? [];
    postCommentIds.push(comment.id);
    this.commentIdsByPost.set(comment.postId, postCommentIds);
    this.append(comment.id, event);
    return Promise.resolve();
  }

  get(id: string): Promise<StoredComment | undefined> {
    const comment = this.comments.get(id);
    return Promise.resolve(comment && { ...comment });
  }

  listByPost(postId: string, { limit, after }: PageQuery): Promise<Comment[]> {
    const page: Comment[] = [];
    for (const id of this.commentIdsByPost.get(postId) ?? []) {
      if (page.length >= limit) break;
      const { content, status } = this.comments.get(id)!;
      if (after === undefined || id > after) page.push({ id, content, status });
    }
    return Promise.resolve(page);
  }

  update(
    comment: StoredComment,
    expectedVersion: number,
    event: EventOfType<'CommentUpdated'>,
  ): Promise<boolean> {
    if (this.comments.get(comment.id)?.version !== expectedVersion) return Promise.resolve(false);
    this.comments.set(comment.id, { ...comment });
    this.append(comment.id, event);
    return Promise.resolve(true);
  }

  rememberPost(postId: string): Promise<void> {
    this.knownPosts.add(postId);
    return Promise.resolve();
  }

  knowsPost(postId: string): Promise<boolean> {
    return Promise.resolve(this.knownPosts.has(postId));
  }
}
