/**
 * Conditions a session's close() waits on — the window drained, the unbind or terminate answered, the link gone —
 * re-checked whenever the session says something changed. Shared by the SMPP and CMPP sessions.
 */
export class Waiters {
  private readonly pending = new Set<(force?: boolean) => void>();

  /** Resolves when `done()` holds (re-checked on every notify) or after the timeout, whichever is first. */
  until(done: () => boolean, timeoutMs: number): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const check = (force = false) => {
        if (!force && !done()) return;
        clearTimeout(timer);
        this.pending.delete(check);
        resolve();
      };
      if (Number.isFinite(timeoutMs)) timer = setTimeout(() => check(true), timeoutMs);
      this.pending.add(check);
    });
  }

  /** Something changed: every waiter checks its condition again. */
  notify(): void {
    for (const waiter of [...this.pending]) waiter();
  }
}
