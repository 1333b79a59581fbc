import type { LiveErrorCode } from '@tinhtao/shared';

/** A refusal sent back in the event's ack as `{ok:false, error:{code, message}}`. */
export class LiveError extends Error {
  constructor(
    readonly code: LiveErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}

/** A token bucket per socket: `burst` events at once, `perSecond` after that. */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
