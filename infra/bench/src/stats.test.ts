import { ms, percentile } from './stats';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => 100 - index);

  it('is the nearest-rank value, whatever the order of the input', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
  });

  it('is the only value of one, and nothing of none', () => {
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe('ms', () => {
  it('rounds large values and keeps a decimal for small ones', () => {
    expect(ms(548.4)).toBe('548 ms');
    expect(ms(2.25)).toBe('2.3 ms');
    expect(ms(undefined)).toBe('-');
  });
});
