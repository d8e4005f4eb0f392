/**
 * Counts the updates (and webhook requests) being handled, so a shutdown can wait for them:
 * the runner's and the webhook server's own stop only stop *receiving*, they do not wait for
 * handlers still running — and the session is written only when a handler returns.
 */
import type { MiddlewareFn } from 'grammy';

export class InFlight {
  private n = 0;
  private waiters: Array<() => void> = [];

  get count(): number {
    return this.n;
  }

  enter(): void {
    this.n++;
  }

  leave(): void {
    this.n--;
    if (this.n > 0) return;
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Installed first on the bot: an update counts until every later middleware (session write included) is done. */
  readonly middleware: MiddlewareFn = async (_ctx, next) => {
    this.enter();
    try {
      await next();
    } finally {
      this.leave();
    }
  };

  /** Resolves true when nothing is in flight, false when `timeoutMs` passed first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.n <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(done);
    });
  }
}
