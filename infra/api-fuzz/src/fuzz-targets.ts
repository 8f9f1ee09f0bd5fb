import type { StackUrls } from '../../local/src';

/** The subscriber whose dead letters are fuzzed: the one that refuses unknown comments. */
const SUBSCRIPTION = 'comments';
const WAIT_MS = 30_000;

/**
 * Values for the path parameters of every service (`{id}` a post, `{name}` a subscription)
 * that exist, so the fuzzing reaches the code behind "404, no such post". The post is created
 * through posts and waited for in query, where it arrives through the event-bus.
 */
export async function pathValuesFor(urls: StackUrls): Promise<Record<string, string>> {
  const created = await fetch(`${urls.posts}/posts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'The post the fuzzing comments on' }),
  });
  if (created.status !== 201) throw new Error(`posts answered ${created.status} to a new post`);
  const { id } = (await created.json()) as { id: string };
  const deadline = Date.now() + WAIT_MS;
  while ((await fetch(`${urls.query}/posts/${id}`)).status !== 200) {
    if (Date.now() > deadline) throw new Error(`post ${id} did not reach query in ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { id, name: SUBSCRIPTION };
}
