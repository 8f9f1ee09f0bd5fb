import { randomBytes } from 'node:crypto';
import type { PostWithComments } from '@blog/contracts';
import type { BlogClient } from './blog-client';

/** Every third comment has the word moderation rejects by default (BLOCKED_WORDS=orange). */
const REJECTED_EVERY = 3;

/**
 * Writes posts and comments the way readers do, and remembers what the blog has accepted, so a
 * test can demand that the query service ends up showing exactly that: every accepted post,
 * every accepted comment with its final status, nothing else.
 */
export class Workload {
  /** Starts every title and comment: tells this workload's posts from others in a shared database. */
  readonly tag = `w${randomBytes(4).toString('hex')}`;
  /** No post of this workload has a smaller id (see `idFloor`). */
  readonly firstId = idFloor(Date.now() - 1000);
  private readonly accepted = new Map<string, PostWithComments>();
  private readonly postIds: string[] = [];
  private readonly refusals = new Map<string, number>();
  private writes = 0;

  constructor(private readonly client: BlogClient) {}

  /** Resolves with the new post's id, or undefined if the write was refused. */
  async writePost(): Promise<string | undefined> {
    const outcome = await this.client.createPost(`${this.tag} post ${++this.writes}`);
    if (!outcome.ok) return void this.refused(outcome.failure);
    this.accepted.set(outcome.value.id, { ...outcome.value, comments: [] });
    this.postIds.push(outcome.value.id);
    return outcome.value.id;
  }

  /** Comments on an accepted post picked at random; does nothing before the first post. */
  async writeComment(): Promise<void> {
    const postId = this.postIds[Math.floor(Math.random() * this.postIds.length)];
    if (postId === undefined) return;
    const number = ++this.writes;
    const rejected = number % REJECTED_EVERY === 0;
    const content = `${this.tag} comment ${number}${rejected ? ', with an orange' : ''}`;
    const outcome = await this.client.addComment(postId, content);
    if (!outcome.ok) return this.refused(outcome.failure);
    this.accepted
      .get(postId)
      ?.comments.push({ ...outcome.value, status: rejected ? 'rejected' : 'approved' });
  }

  /** A post, then a comment, in turn: what the `index`-th task of a paced run writes. */
  write(index: number): Promise<unknown> {
    return index % 2 === 0 ? this.writePost() : this.writeComment();
  }

  get acceptedPosts(): number {
    return this.accepted.size;
  }

  get acceptedComments(): number {
    return [...this.accepted.values()].reduce((sum, post) => sum + post.comments.length, 0);
  }

  /** Refused writes by reason (a status or an error code), e.g. `{ "503": 2 }`; empty if none. */
  get failures(): Record<string, number> {
    return Object.fromEntries(this.refusals);
  }

  /** What the query service must show once everything has settled, in its order (by id). */
  expectedPosts(): PostWithComments[] {
    return [...this.accepted.values()]
      .map((post) => ({ ...post, comments: [...post.comments].sort(byId) }))
      .sort(byId);
  }

  /** Whether a title or a comment's content was written by this workload. */
  wrote(text: string): boolean {
    return text.startsWith(`${this.tag} `);
  }

  /** This workload's posts among `posts` (all those a service lists since `firstId`). */
  own<T extends { title: string }>(posts: T[]): T[] {
    return posts.filter((post) => this.wrote(post.title));
  }

  private refused(failure: string): void {
    this.refusals.set(failure, (this.refusals.get(failure) ?? 0) + 1);
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The smallest UUIDv7 of a moment. Ids are UUIDv7, whose first 48 bits are the creation time in
 * ms, and lists page by id (`?after=`), so listing after this id skips everything older: a
 * workload reads only its own era of a database that other runs have filled.
 */
export function idFloor(time: number): string {
  const hex = time.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
