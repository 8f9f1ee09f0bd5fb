import { deterministicId, newId } from './ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const versionOf = (id: string) => UUID.exec(id)?.[1];

describe('newId', () => {
  it('makes version 7 UUIDs', () => {
    expect(versionOf(newId())).toBe('7');
  });

  it('makes ids that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('deterministicId', () => {
  it('gives the same version 5 UUID for the same parts', () => {
    const id = deterministicId('CommentModerated', 'c1', 2);
    expect(versionOf(id)).toBe('5');
    expect(deterministicId('CommentModerated', 'c1', 2)).toBe(id);
  });

  it('gives different ids for different parts or a different order', () => {
    const ids = [
      deterministicId('CommentModerated', 'c1', 1),
      deterministicId('CommentModerated', 'c1', 2),
      deterministicId('CommentModerated', 'c2', 1),
      deterministicId('CommentUpdated', 'c1', 1),
      deterministicId('c1', 'CommentModerated', 1),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('treats a number and its string form alike', () => {
    expect(deterministicId('x', 1)).toBe(deterministicId('x', '1'));
  });
});
