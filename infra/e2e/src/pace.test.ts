import { eventually } from '@blog/testing';
import { paced } from './pace';

describe('paced', () => {
  it('starts every task on schedule, without waiting for the earlier ones to finish', async () => {
    const started: number[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const run = paced(200, 100, async (index) => {
      started.push(index);
      await released;
    });

    await eventually(() => expect(started).toEqual([...Array(20).keys()]));
    release();
    expect(await run).toBe(20);
  });

  it('resolves only once every task has settled, failed ones too', async () => {
    let settled = 0;
    const count = await paced(1000, 10, async (index) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      settled += 1;
      if (index === 0) throw new Error('a refused write');
    });
    expect(settled).toBe(count);
  });
});
