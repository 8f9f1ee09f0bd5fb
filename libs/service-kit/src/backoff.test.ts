import { backoffDelay, sleep } from './backoff';

const options = { initialMs: 100, maxMs: 1000 };

describe('backoffDelay', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it.each([
    [1, 50, 100],
    [2, 100, 200],
    [3, 200, 400],
    [4, 400, 800],
    [5, 500, 1000],
    [50, 500, 1000],
  ])('attempt %i waits between %i and %i ms', (attempt, low, high) => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoffDelay(attempt, options)).toBe(low);
    jest.spyOn(Math, 'random').mockReturnValue(0.999_999);
    expect(backoffDelay(attempt, options)).toBe(high);
  });

  it('treats attempt 0 like the first attempt', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoffDelay(0, options)).toBe(50);
  });

  it('spreads retries out instead of repeating the same delay', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, options)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});

describe('sleep', () => {
  it('resolves after the delay', async () => {
    const started = Date.now();
    await sleep(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('resolves as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await sleeping;
  });

  it('resolves at once when the signal has already aborted', async () => {
    await sleep(60_000, AbortSignal.abort());
  });

  it('leaves no listener behind on the signal', async () => {
    const controller = new AbortController();
    const removed = jest.spyOn(controller.signal, 'removeEventListener');
    await sleep(1, controller.signal);
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
