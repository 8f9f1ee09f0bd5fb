import type { Agent } from 'node:http';
import type { Comment, Post, PostWithComments } from '@blog/contracts';
import { PAGE_MAX_LIMIT } from '@blog/contracts';
import { EventLogReader, type LoggedEvent } from '@blog/messaging';
import { createHttpClient } from '@blog/service-kit';
import { isAxiosError, type AxiosInstance } from 'axios';

/** Where the services answer; a running stack's `urls` fit. */
export interface BlogUrls {
  posts: string;
  comments: string;
  query: string;
  eventBus: string;
}

/** A write either created something or was refused: by a status ("503") or an error code. */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; failure: string };

/** Every request answers within this, even on a machine busy with other test runs. */
const TIMEOUT_MS = 15_000;

/**
 * The blog as a client sees it, straight to each service. Writes are never retried: a test or a
 * benchmark counts what each request came to, and a repeated POST could create a second post.
 */
export class BlogClient {
  private readonly posts: AxiosInstance;
  private readonly comments: AxiosInstance;
  private readonly query: AxiosInstance;
  private readonly log: EventLogReader;

  constructor(urls: BlogUrls) {
    this.posts = createHttpClient({ baseURL: urls.posts, timeoutMs: TIMEOUT_MS, retries: 0 });
    this.comments = createHttpClient({ baseURL: urls.comments, timeoutMs: TIMEOUT_MS, retries: 0 });
    this.query = createHttpClient({ baseURL: urls.query, timeoutMs: TIMEOUT_MS, retries: 2 });
    this.log = EventLogReader.forBus(urls.eventBus);
  }

  createPost(title: string): Promise<WriteOutcome<Post>> {
    return write(this.posts, '/posts', { title }, (body) => body as Post);
  }

  /** The service answers with the post's comments; the new one is found by its content. */
  addComment(postId: string, content: string): Promise<WriteOutcome<Comment>> {
    return write(this.comments, `/posts/${postId}/comments`, { content }, (body) => {
      const created = (body as Comment[]).find((comment) => comment.content === content);
      if (!created) throw new Error(`the answer does not list the comment "${content}"`);
      return created;
    });
  }

  /** One post as the query service shows it, or undefined while it does not know it. */
  async queriedPost(id: string): Promise<PostWithComments | undefined> {
    const { status, data } = await this.query.get<PostWithComments>(`/posts/${id}`, {
      validateStatus: (code) => code === 200 || code === 404,
    });
    return status === 200 ? data : undefined;
  }

  /** Every post the query service holds with an id after `after`, in id (creation) order. */
  async queriedPosts(after?: string): Promise<PostWithComments[]> {
    const posts: PostWithComments[] = [];
    for (let cursor = after; ;) {
      const { data } = await this.query.get<Record<string, PostWithComments>>('/posts', {
        params: { limit: PAGE_MAX_LIMIT, after: cursor },
      });
      const page = Object.values(data);
      posts.push(...page);
      cursor = page.at(-1)?.id;
      if (page.length < PAGE_MAX_LIMIT) return posts;
    }
  }

  /** Closes its idle keep-alive connections, so the services' socket counts show only their own. */
  close(): void {
    for (const client of [this.posts, this.comments, this.query]) {
      (client.defaults.httpAgent as Agent).destroy();
    }
  }

  /** The whole event-bus log, in order. */
  async loggedEvents(): Promise<LoggedEvent[]> {
    const events: LoggedEvent[] = [];
    const collect = (logged: LoggedEvent) => {
      events.push(logged);
      return Promise.resolve();
    };
    await this.log.readAll(0, collect, PAGE_MAX_LIMIT);
    return events;
  }
}

async function write<T>(
  client: AxiosInstance,
  path: string,
  body: unknown,
  created: (body: unknown) => T,
): Promise<WriteOutcome<T>> {
  try {
    const response = await client.post<unknown>(path, body, { validateStatus: () => true });
    if (response.status !== 201) return { ok: false, failure: String(response.status) };
    return { ok: true, value: created(response.data) };
  } catch (error) {
    const code = isAxiosError(error) ? error.code : undefined;
    return { ok: false, failure: code ?? (error instanceof Error ? error.message : 'error') };
  }
}
