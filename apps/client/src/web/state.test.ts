import type { PostStreamMessage } from '@blog/contracts';
import { newId } from '@blog/contracts';
import { blogReducer, initialState, type BlogAction, type BlogState } from './state';

const apply = (state: BlogState, ...actions: BlogAction[]) => actions.reduce(blogReducer, state);
const stream = (message: PostStreamMessage): BlogAction => ({ type: 'stream', message });

const postId = newId();
const commentId = newId();
const created = stream({
  seq: 2,
  type: 'CommentCreated',
  data: { id: commentId, postId, content: 'Nice', status: 'pending' },
});
const approved = stream({
  seq: 4,
  type: 'CommentUpdated',
  data: { id: commentId, postId, content: 'Nice', status: 'approved', version: 1 },
});
const withPost = apply(initialState(2), {
  type: 'page-loaded',
  posts: [{ id: postId, title: 'Hello', comments: [] }],
});

describe('blogReducer', () => {
  it('shows a comment pending, then its moderation, and announces the change', () => {
    const pending = apply(withPost, created);
    expect(pending.posts[0]!.comments).toEqual([
      { id: commentId, content: 'Nice', status: 'pending', version: 0 },
    ]);
    const moderated = apply(pending, approved);
    expect(moderated.posts[0]!.comments[0]!.status).toBe('approved');
    expect(moderated.announcement?.text).toBe('Comment “Nice” approved.');
  });

  it('ends in the same page whatever the order, and however often, changes arrive', () => {
    const inOrder = apply(withPost, created, approved);
    const reordered = apply(withPost, approved, created, approved, created);
    expect(reordered.posts).toEqual(inOrder.posts);
  });

  it('keeps a moderated comment of a freshly loaded page when the stream replays its creation', () => {
    const loaded = apply(initialState(2), {
      type: 'page-loaded',
      posts: [
        {
          id: postId,
          title: 'Hello',
          comments: [{ id: commentId, content: 'Nice', status: 'approved' }],
        },
      ],
    });
    expect(apply(loaded, created).posts).toEqual(loaded.posts);
  });

  it('adds a post to the last page while it has room, then opens the next page', () => {
    const [second, third] = [newId(), newId()];
    const post = (id: string): BlogAction => ({ type: 'post-created', post: { id, title: id } });
    const full = apply(withPost, post(second), post(second));
    expect(full.posts.map((shown) => shown.id)).toEqual([postId, second]);
    expect(full.next).toBeUndefined();
    const overflow = apply(full, post(third));
    expect(overflow.posts.map((shown) => shown.id)).toEqual([postId, second]);
    expect(overflow.next).toBe(second);
  });

  it('ignores changes to posts that are not on the page', () => {
    const elsewhere = stream({
      seq: 9,
      type: 'CommentCreated',
      data: { id: newId(), postId: newId(), content: 'Hi', status: 'pending' },
    });
    expect(apply(withPost, elsewhere)).toBe(withPost);
  });
});
