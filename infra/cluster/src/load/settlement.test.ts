import type { PostWithComments } from '@blog/contracts';
import { compare, isExact } from './settlement';

const post = (
  id: string,
  comments: [string, 'approved' | 'rejected' | 'pending'][],
): PostWithComments => ({
  id,
  title: `post ${id}`,
  comments: comments.map(([commentId, status]) => ({ id: commentId, content: commentId, status })),
});

describe('comparing what query shows with what the blog accepted', () => {
  const expected = [
    post('p1', [
      ['c1', 'approved'],
      ['c2', 'rejected'],
    ]),
    post('p2', []),
  ];

  it('is exact when query shows the same posts and comments with their statuses', () => {
    const settlement = compare(expected, structuredClone(expected));
    expect(settlement).toMatchObject({ postsInQuery: 2, commentsInQuery: 2 });
    expect(isExact(settlement)).toBe(true);
  });

  it('counts a missing post with its comments, and a missing comment', () => {
    expect(compare(expected, [post('p1', [['c1', 'approved']])])).toMatchObject({
      missingPosts: 1,
      missingComments: 1,
    });
    expect(compare(expected, [])).toMatchObject({ missingPosts: 2, missingComments: 2 });
  });

  it('counts a comment shown twice, one shown with a status it should not end with, and strangers', () => {
    const shown = [
      post('p1', [
        ['c1', 'approved'],
        ['c1', 'approved'],
        ['c2', 'pending'],
        ['c9', 'approved'],
      ]),
      post('p2', []),
      post('p3', []),
    ];
    const settlement = compare(expected, shown);
    expect(settlement).toMatchObject({ duplicates: 1, wrongStatus: 1, unexpected: 2 });
    expect(isExact(settlement)).toBe(false);
  });
});
