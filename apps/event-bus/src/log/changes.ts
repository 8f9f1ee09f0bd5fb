/**
 * Wakes the loops waiting for something to change: an append or a settle in the memory log, a
 * NATS connection becoming usable. Check the state and call `wait` in the same tick, and no
 * change can slip between them.
 */
export class Changes {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    for (const wake of this.waiters) wake();
  }

  /** Resolves at the next change, after `timeoutMs` if given, or when `signal` aborts. */
  wait(signal: AbortSignal, timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = timeoutMs === undefined ? undefined : setTimeout(wake, timeoutMs);
      const waiters = this.waiters;
      waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
      function wake() {
        clearTimeout(timer);
        waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      }
    });
  }
}
