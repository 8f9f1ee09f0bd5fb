import type { Comment, PageQuery, Post, PostWithComments } from '@blog/contracts';
import type { CommentChange, ReadModelStore } from './read-model-store';
import { SortedById } from './sorted-by-id';

/** The read model in memory. It is empty after a restart; the service rebuilds it from the log. */
export class MemoryReadModelStore implements ReadModelStore {
  private readonly posts = new SortedById<Post>();
  // Keyed by post id, including posts not recorded yet: their comments wait here, hidden.
  private readonly commentsByPost = new Map<string, SortedById<CommentChange>>();

  addPost(post: Post): Promise<void> {
    if (!this.posts.get(post.id)) this.posts.set({ id: post.id, title: post.title });
    return Promise.resolve();
  }

  applyComment(change: CommentChange): Promise<void> {
    const comments = this.commentsOf(change.postId);
    const stored = comments.get(change.id);
    if (!stored || change.version > stored.version) comments.set({ ...change });
    return Promise.resolve();
  }

  getPost(id: string): Promise<PostWithComments | undefined> {
    const post = this.posts.get(id);
    return Promise.resolve(post && this.withComments(post));
  }

  listPosts({ limit, after }: PageQuery): Promise<PostWithComments[]> {
    return Promise.resolve(this.posts.page(limit, after).map((post) => this.withComments(post)));
  }

  private commentsOf(postId: string): SortedById<CommentChange> {
    let comments = this.commentsByPost.get(postId);
    if (!comments) {
      comments = new SortedById();
      this.commentsByPost.set(postId, comments);
    }
    return comments;
  }

  private withComments({ id, title }: Post): PostWithComments {
    const comments = this.commentsByPost.get(id)?.all() ?? [];
    return { id, title, comments: comments.map(toComment) };
  }
}

const toComment = ({ id, content, status }: CommentChange): Comment => ({ id, content, status });
