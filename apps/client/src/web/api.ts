import type { Comment, ErrorBody, Post, PostWithComments } from '@blog/contracts';

/** Posts per page: the API's `?limit=`. */
export const PAGE_SIZE = 10;

export interface Page {
  posts: PostWithComments[];
  /** The `after` of the next page, from the answer's `Link: <...>; rel="next"` header. */
  next?: string;
}

/** The API refused or failed: its error body's messages, each with the field it blames. */
export class ApiError extends Error {
  constructor(readonly errors: ErrorBody['errors']) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'ApiError';
  }
}

/** One page of posts with their comments, in creation order (the query service). */
export async function fetchPage(after: string | undefined): Promise<Page> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(after ? { after } : {}) });
  const response = await send(`/posts?${query.toString()}`);
  const posts = Object.values((await response.json()) as Record<string, PostWithComments>);
  const next = nextPageAfter(response.headers.get('link'));
  return next ? { posts, next } : { posts };
}

export async function createPost(title: string): Promise<Post> {
  return (await send('/posts/create', { title })).json() as Promise<Post>;
}

/** The post's comments, the new one `pending` among them. */
export async function createComment(postId: string, content: string): Promise<Comment[]> {
  const response = await send(`/posts/${encodeURIComponent(postId)}/comments`, { content });
  return response.json() as Promise<Comment[]>;
}

/** `<...?limit=10&after=x>; rel="next"` -> `x`. */
export function nextPageAfter(link: string | null): string | undefined {
  const target = /<([^>]*)>\s*;\s*rel="?next"?/.exec(link ?? '')?.[1];
  return target
    ? (new URL(target, 'http://page').searchParams.get('after') ?? undefined)
    : undefined;
}

async function send(url: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(
      url,
      body === undefined
        ? {}
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
  } catch {
    throw new ApiError([{ message: 'The blog cannot be reached. Check your connection.' }]);
  }
  if (response.ok) return response;
  const answer = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
  throw new ApiError(
    answer?.errors?.length ? answer.errors : [{ message: `The blog answered ${response.status}.` }],
  );
}
