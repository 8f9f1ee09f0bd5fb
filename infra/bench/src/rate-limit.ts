import { sleep } from '@blog/service-kit';

/** Spaces turns out to at most `perSecond`; callers get their turns in the order they asked. */
export class RateLimit {
  private nextTurn = 0;

  constructor(private readonly perSecond: number) {}

  async turn(): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.nextTurn);
    this.nextTurn = at + 1000 / this.perSecond;
    if (at > now) await sleep(at - now);
  }
}
