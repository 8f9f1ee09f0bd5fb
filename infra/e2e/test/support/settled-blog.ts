import { isDeepStrictEqual } from 'node:util';
import type { EventType, PostWithComments } from '@blog/contracts';
import { eventually } from '@blog/testing';
import type { BlogClient } from '../../src/blog-client';
import type { Workload } from '../../src/workload';

/** Generous: after a fault, retries back off for seconds, and other test runs share the cores. */
const SETTLE_MS = 90_000;

/**
 * Waits until the query service shows exactly what `workload` wrote: every accepted post and
 * comment, each comment with its final status, nothing more. A failure lists the differences.
 */
export async function untilQueryShowsExactly(
  client: BlogClient,
  workload: Workload,
  { timeoutMs = SETTLE_MS } = {},
): Promise<PostWithComments[]> {
  const expected = workload.expectedPosts();
  return eventually(
    async () => {
      const shown = workload.own(await client.queriedPosts(workload.firstId));
      expect(differences(expected, shown)).toEqual({ missing: [], unexpected: [], different: [] });
      expect(shown).toEqual(expected);
      return shown;
    },
    { timeoutMs, intervalMs: 1000 },
  );
}

/** A readable account of how `shown` differs from `expected`: ids, and a few posts in full. */
function differences(expected: PostWithComments[], shown: PostWithComments[]) {
  const shownById = new Map(shown.map((post) => [post.id, post]));
  const expectedIds = new Set(expected.map((post) => post.id));
  return {
    missing: expected.filter((post) => !shownById.has(post.id)).map((post) => post.id),
    unexpected: shown.filter((post) => !expectedIds.has(post.id)).map((post) => post.id),
    different: expected
      .filter((post) => shownById.has(post.id))
      .filter((post) => !isDeepStrictEqual(post, shownById.get(post.id)))
      .slice(0, 3)
      .map((post) => ({ expected: post, shown: shownById.get(post.id) })),
  };
}

/** How many of the workload's events of each type the event-bus log holds, and how many twice. */
export async function workloadEventsInLog(client: BlogClient, workload: Workload) {
  const counts: Record<EventType, number> = {
    PostCreated: 0,
    CommentCreated: 0,
    CommentModerated: 0,
    CommentUpdated: 0,
  };
  const ids = new Set<string>();
  let storedTwice = 0;
  for (const { event } of await client.loggedEvents()) {
    const text = event.type === 'PostCreated' ? event.data.title : event.data.content;
    if (!workload.wrote(text)) continue;
    counts[event.type] += 1;
    if (ids.has(event.id)) storedTwice += 1;
    ids.add(event.id);
  }
  return { ...counts, storedTwice };
}

/** What the log must hold once the workload has settled: each event of it, once. */
export function expectedEventsInLog(workload: Workload) {
  return {
    PostCreated: workload.acceptedPosts,
    CommentCreated: workload.acceptedComments,
    CommentModerated: workload.acceptedComments,
    CommentUpdated: workload.acceptedComments,
    storedTwice: 0,
  };
}
