import { eventually } from './eventually';

describe('eventually', () => {
  it('returns what the assertion returns once it passes', async () => {
    let calls = 0;
    const result = await eventually(() => {
      calls += 1;
      if (calls < 3) throw new Error(`not yet (${calls})`);
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('waits for async assertions', async () => {
    let ready = false;
    setTimeout(() => (ready = true), 50);
    await eventually(() => Promise.resolve(expect(ready).toBe(true)));
  });

  it('gives up after the timeout with the last failure', async () => {
    let calls = 0;
    const attempt = eventually(
      () => {
        calls += 1;
        throw new Error(`failure ${calls}`);
      },
      { timeoutMs: 200, intervalMs: 20 },
    );
    const error: unknown = await attempt.catch((e: unknown) => e);
    expect(calls).toBeGreaterThan(1);
    expect(error).toEqual(new Error(`failure ${calls}`));
  });
});
