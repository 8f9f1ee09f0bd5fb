import { sleep } from '@blog/service-kit';
import { BlogClient, type WriteOutcome } from '../../../e2e/src/blog-client';

/** How long a write is retried while its service answers 503 (its database restarting). */
const RETRY_FOR_MS = 90_000;
const RETRY_EVERY_MS = 500;

/** A write that did not succeed in the end, and when it was given up. */
export interface FailedWrite {
  at: number;
  failure: string;
}

/**
 * The blog client of a well-behaved user of this API: a 503 means "not done, try again" (the
 * error shape says the database is unavailable), so the write is repeated until it is taken.
 * Any other refusal or error is final and recorded with its time, for the report by phase.
 */
export class RetryingBlogClient extends BlogClient {
  /** Answers of 503 that a later attempt of the same write got past. */
  retried503 = 0;
  readonly failed: FailedWrite[] = [];

  override createPost(title: string) {
    return this.untilTaken(() => super.createPost(title));
  }

  override addComment(postId: string, content: string) {
    return this.untilTaken(() => super.addComment(postId, content));
  }

  private async untilTaken<T>(write: () => Promise<WriteOutcome<T>>): Promise<WriteOutcome<T>> {
    const deadline = Date.now() + RETRY_FOR_MS;
    for (;;) {
      const outcome = await write();
      if (outcome.ok) return outcome;
      if (outcome.failure !== '503' || Date.now() > deadline) {
        this.failed.push({ at: Date.now(), failure: outcome.failure });
        return outcome;
      }
      this.retried503 += 1;
      await sleep(RETRY_EVERY_MS);
    }
  }
}
