import type { PostWithComments } from '@blog/contracts';
import { sleep } from '@blog/service-kit';
import type { BlogClient } from '../../../e2e/src/blog-client';
import type { Workload } from '../../../e2e/src/workload';

/** What the query service shows of a workload, against what the blog accepted of it. */
export interface Settlement {
  postsInQuery: number;
  commentsInQuery: number;
  missingPosts: number;
  missingComments: number;
  /** A comment shown twice under its post, or a post or comment the blog never accepted. */
  duplicates: number;
  unexpected: number;
  /** Comments shown with another status than moderation gives them (approved or rejected). */
  wrongStatus: number;
  /** Events of the workload stored twice in the event-bus log. */
  storedTwice: number;
}

export const isExact = (s: Settlement) =>
  s.missingPosts +
    s.missingComments +
    s.duplicates +
    s.unexpected +
    s.wrongStatus +
    s.storedTwice ===
  0;

/** Compares until the query service shows exactly what was accepted, or the time is up. */
export async function untilSettled(
  client: BlogClient,
  workload: Workload,
  timeoutMs: number,
): Promise<Settlement> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const settlement = compare(
      workload.expectedPosts(),
      workload.own(await client.queriedPosts(workload.firstId)),
    );
    if (isExact(settlement) || Date.now() > deadline) {
      return { ...settlement, storedTwice: await storedTwice(client, workload) };
    }
    await sleep(2000);
  }
}

export function compare(expected: PostWithComments[], shown: PostWithComments[]): Settlement {
  const shownById = new Map(shown.map((post) => [post.id, post]));
  const expectedIds = new Set(expected.map((post) => post.id));
  const settlement: Settlement = {
    postsInQuery: shown.length,
    commentsInQuery: shown.reduce((sum, post) => sum + post.comments.length, 0),
    missingPosts: 0,
    missingComments: 0,
    duplicates: 0,
    unexpected: shown.filter((post) => !expectedIds.has(post.id)).length,
    wrongStatus: 0,
    storedTwice: 0,
  };
  for (const post of expected) {
    const shownPost = shownById.get(post.id);
    if (!shownPost) {
      settlement.missingPosts += 1;
      settlement.missingComments += post.comments.length;
      continue;
    }
    const shownComments = new Map<string, string[]>();
    for (const comment of shownPost.comments) {
      shownComments.set(comment.id, [...(shownComments.get(comment.id) ?? []), comment.status]);
    }
    const expectedCommentIds = new Set(post.comments.map((comment) => comment.id));
    for (const [id, statuses] of shownComments) {
      settlement.duplicates += statuses.length - 1;
      if (!expectedCommentIds.has(id)) settlement.unexpected += 1;
    }
    for (const comment of post.comments) {
      const statuses = shownComments.get(comment.id);
      if (!statuses) settlement.missingComments += 1;
      else if (statuses[0] !== comment.status) settlement.wrongStatus += 1;
    }
  }
  return settlement;
}

async function storedTwice(client: BlogClient, workload: Workload): Promise<number> {
  const seen = new Set<string>();
  let twice = 0;
  for (const { event } of await client.loggedEvents()) {
    const text = event.type === 'PostCreated' ? event.data.title : event.data.content;
    if (!workload.wrote(text)) continue;
    if (seen.has(event.id)) twice += 1;
    seen.add(event.id);
  }
  return twice;
}
