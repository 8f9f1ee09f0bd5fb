import { newId, type Post } from '@blog/contracts';
import type { CommentChange, ReadModelStore } from './read-model-store';

/** Every order in which `items` can come. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  );
}

/** The events of one post with one comment that is created, moderated, then edited. */
function lifeOfOneComment() {
  const post: Post = { id: newId(), title: 'A post' };
  const comment = { id: newId(), postId: post.id };
  const changes = {
    CommentCreated: { ...comment, content: 'Draft', status: 'pending', version: 0 },
    'CommentUpdated v1': { ...comment, content: 'Draft', status: 'approved', version: 1 },
    'CommentUpdated v2': { ...comment, content: 'Edited', status: 'rejected', version: 2 },
  } satisfies Record<string, CommentChange>;
  const finalState = {
    ...post,
    comments: [{ id: comment.id, content: 'Edited', status: 'rejected' }],
  };
  return { post, changes, finalState };
}

const EVENTS = ['PostCreated', 'CommentCreated', 'CommentUpdated v1', 'CommentUpdated v2'] as const;
type EventName = (typeof EVENTS)[number];

/** Behaviour every ReadModelStore adapter must have; run by each adapter's test file. */
export function readModelStoreContract(makeStore: () => Promise<ReadModelStore>): void {
  let store: ReadModelStore;
  beforeEach(async () => {
    store = await makeStore();
  });

  function apply(life: ReturnType<typeof lifeOfOneComment>, event: EventName): Promise<void> {
    return event === 'PostCreated'
      ? store.addPost(life.post)
      : store.applyComment(life.changes[event]);
  }

  it.each(permutations(EVENTS).map((order) => [order.join(', '), order] as const))(
    'ends in the same state whatever the order: %s',
    async (_name, order) => {
      const life = lifeOfOneComment();
      for (const event of order) await apply(life, event);
      expect(await store.getPost(life.post.id)).toEqual(life.finalState);
      expect(await store.listPosts({ limit: 10 })).toEqual([life.finalState]);
    },
  );

  it('changes nothing when every event is applied again, in any order', async () => {
    const life = lifeOfOneComment();
    for (const event of EVENTS) await apply(life, event);
    for (const event of [...EVENTS].reverse()) await apply(life, event);
    for (const event of EVENTS) await apply(life, event);
    expect(await store.listPosts({ limit: 10 })).toEqual([life.finalState]);
  });

  it('keeps the newest version when the changes of a new comment are applied concurrently', async () => {
    const lives = Array.from({ length: 5 }, lifeOfOneComment);
    await Promise.all(lives.flatMap((life) => EVENTS.map((event) => apply(life, event))));
    for (const life of lives) expect(await store.getPost(life.post.id)).toEqual(life.finalState);
  });

  it('keeps comments hidden until their post arrives, then shows them with it', async () => {
    const life = lifeOfOneComment();
    await apply(life, 'CommentCreated');
    expect(await store.getPost(life.post.id)).toBeUndefined();
    expect(await store.listPosts({ limit: 10 })).toEqual([]);

    await apply(life, 'PostCreated');
    expect(await store.getPost(life.post.id)).toEqual({
      ...life.post,
      comments: [{ id: life.changes.CommentCreated.id, content: 'Draft', status: 'pending' }],
    });
  });

  it('returns nothing for an unknown post', async () => {
    expect(await store.getPost(newId())).toBeUndefined();
  });

  it('returns a post without comments with an empty list', async () => {
    const post = { id: newId(), title: 'Quiet' };
    await store.addPost(post);
    expect(await store.getPost(post.id)).toEqual({ ...post, comments: [] });
  });

  it('lists posts in creation order, a page at a time, whatever order they arrived in', async () => {
    const posts = ['one', 'two', 'three'].map((title) => ({ id: newId(), title, comments: [] }));
    for (const index of [2, 0, 1]) await store.addPost(posts[index]!);

    const firstPage = await store.listPosts({ limit: 2 });
    expect(firstPage).toEqual(posts.slice(0, 2));
    expect(await store.listPosts({ limit: 2, after: firstPage[1]!.id })).toEqual(posts.slice(2));
    expect(await store.listPosts({ limit: 2, after: posts[2]!.id })).toEqual([]);
  });

  it('gives each post its own comments in creation order, whatever order they arrived in', async () => {
    const first = { id: newId(), title: 'first' };
    const second = { id: newId(), title: 'second' };
    const comment = (postId: string, content: string): CommentChange => ({
      id: newId(),
      postId,
      content,
      status: 'pending',
      version: 0,
    });
    const [older, newer, other] = [
      comment(first.id, 'older'),
      comment(first.id, 'newer'),
      comment(second.id, 'other'),
    ];
    for (const change of [newer, other, older]) await store.applyComment(change);
    await store.addPost(second);
    await store.addPost(first);

    const shown = ({ id, content, status }: CommentChange) => ({ id, content, status });
    expect(await store.listPosts({ limit: 10 })).toEqual([
      { ...first, comments: [shown(older), shown(newer)] },
      { ...second, comments: [shown(other)] },
    ]);
  });
}
