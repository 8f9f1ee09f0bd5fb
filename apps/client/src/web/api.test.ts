import { nextPageAfter } from './api';

describe('nextPageAfter', () => {
  it('reads the after of the next page from a Link header', () => {
    expect(nextPageAfter('</posts?limit=10&after=0196a0b2-7c1d>; rel="next"')).toBe(
      '0196a0b2-7c1d',
    );
  });

  it('finds nothing when there is no next page', () => {
    expect(nextPageAfter(null)).toBeUndefined();
    expect(nextPageAfter('</posts?limit=10&after=x>; rel="prev"')).toBeUndefined();
  });
});
