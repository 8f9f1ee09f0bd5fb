import { verdictForStatus } from './delivery';

describe('verdictForStatus', () => {
  it.each([
    [200, 'delivered'],
    [201, 'delivered'],
    [204, 'delivered'],
    [299, 'delivered'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [400, 'dead-letter'],
    [404, 'dead-letter'],
    [409, 'dead-letter'],
    [413, 'dead-letter'],
    [415, 'dead-letter'],
    [422, 'dead-letter'],
    [301, 'dead-letter'],
  ])('%i -> %s', (status, verdict) => {
    expect(verdictForStatus(status)).toBe(verdict);
  });
});
