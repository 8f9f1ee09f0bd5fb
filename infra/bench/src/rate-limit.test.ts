import { RateLimit } from './rate-limit';

describe('RateLimit', () => {
  it('gives turns in the order they were asked for, no more than its rate allows', async () => {
    const limit = new RateLimit(100);
    const order: number[] = [];
    const start = performance.now();
    await Promise.all(
      [0, 1, 2, 3, 4].map(async (caller) => {
        await limit.turn();
        order.push(caller);
      }),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
    // Five turns at 100 a second: the last comes 40 ms after the first at the earliest (less a
    // millisecond or two: timers may fire that early).
    expect(performance.now() - start).toBeGreaterThanOrEqual(35);
  });
});
