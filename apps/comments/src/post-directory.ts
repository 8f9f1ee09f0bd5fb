import { DependencyUnavailableError, NotFoundError } from '@blog/service-kit';
import { isAxiosError, type AxiosInstance } from 'axios';
import type { CommentStore } from './store/comment-store';

/**
 * Knows which posts exist. Posts are learned from PostCreated events; a post not heard of yet
 * (its event may still be on its way) is looked up in the posts service, so a comment on a post
 * created a moment ago is accepted without waiting for the event-bus.
 */
export class PostDirectory {
  constructor(
    private readonly store: CommentStore,
    private readonly postsClient: AxiosInstance,
  ) {}

  /** Resolves when the post exists; throws 404 when it does not, 503 when posts cannot tell. */
  async requireExisting(postId: string): Promise<void> {
    if (await this.store.knowsPost(postId)) return;
    await this.askPosts(postId);
    await this.store.rememberPost(postId);
  }

  private async askPosts(postId: string): Promise<void> {
    try {
      await this.postsClient.get(`/posts/${encodeURIComponent(postId)}`);
    } catch (error) {
      if (isAxiosError(error) && error.response?.status === 404) {
        throw new NotFoundError(`Post ${postId} not found`, 'id');
      }
      throw new DependencyUnavailableError('posts', { cause: error });
    }
  }
}
