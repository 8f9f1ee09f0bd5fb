import { sleep } from '@blog/service-kit';
import type { BlogClient } from '../../e2e/src/blog-client';
import { paced } from '../../e2e/src/pace';
import { idFloor } from '../../e2e/src/workload';
import { RateLimit } from './rate-limit';

export interface WatchedWrites {
  /** Writes sent. */
  sent: number;
  /** Refused writes by reason: a status ("503") or an error code ("ECONNREFUSED"). */
  refused: Record<string, number>;
  /** For each accepted post that showed up in query: ms from its 201 to its first sighting. */
  visibleAfterMs: number[];
  /** Accepted posts query did not show when the watch gave up. */
  neverVisible: number;
}

export interface WatchOptions {
  perSecond: number;
  /** The same load first, not watched: cold code (before the JIT) and new connections. */
  warmUpMs?: number;
  durationMs: number;
  /** How long after the last write a post still has to show up. */
  settleMs: number;
}

const POLL_MS = 10;
/** Enough for a healthy system (a post or two a write); a backlog must not become the load. */
const POLLS_PER_SECOND_MAX = 500;

export const WATCH_METHOD =
  `each accepted post polled (GET /posts/:id on query) at once, then every ${POLL_MS} ms or a ` +
  `tenth of its wait so far if longer, ${POLLS_PER_SECOND_MAX} polls/s at most in all`;

/**
 * Creates posts at a fixed rate (an open loop: see `paced`) and watches each accepted one until
 * the query service shows it. Posts still unseen when the watch gives up are looked for once
 * more in query's list: found there, they count as visible at that moment; otherwise as never.
 */
export async function writeAndWatch(
  client: BlogClient,
  { perSecond, warmUpMs = 0, durationMs, settleMs }: WatchOptions,
): Promise<WatchedWrites> {
  await paced(perSecond, warmUpMs, (index) => client.createPost(`Warm-up post ${index}`));
  const firstId = idFloor(Date.now() - 1000);
  const giveUpAt = performance.now() + durationMs + settleMs;
  const polls = new RateLimit(POLLS_PER_SECOND_MAX);
  const refused = new Map<string, number>();
  const visibleAfterMs: number[] = [];
  const unseen = new Map<string, number>();

  const writeThenWatch = async (index: number) => {
    const outcome = await client.createPost(`Watched post ${index}`);
    if (!outcome.ok) {
      refused.set(outcome.failure, (refused.get(outcome.failure) ?? 0) + 1);
      return;
    }
    const acceptedAt = performance.now();
    for (;;) {
      await polls.turn();
      const shown = await client.queriedPost(outcome.value.id).catch(() => undefined);
      const now = performance.now();
      if (shown) {
        visibleAfterMs.push(now - acceptedAt);
        return;
      }
      if (now >= giveUpAt) {
        unseen.set(outcome.value.id, acceptedAt);
        return;
      }
      await sleep(Math.max(POLL_MS, (now - acceptedAt) / 10));
    }
  };

  const sent = await paced(perSecond, durationMs, writeThenWatch);
  const shownAtLast = new Set((await client.queriedPosts(firstId)).map((post) => post.id));
  const lookedAt = performance.now();
  for (const [id, acceptedAt] of unseen) {
    if (shownAtLast.has(id)) visibleAfterMs.push(lookedAt - acceptedAt);
  }
  const neverVisible = [...unseen.keys()].filter((id) => !shownAtLast.has(id)).length;
  return { sent, refused: Object.fromEntries(refused), visibleAfterMs, neverVisible };
}
