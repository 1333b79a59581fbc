import type { Redis } from 'ioredis';

/** Counts events per key in a fixed window; the window is also the lock's length. */
export interface WindowCounter {
  /** Current count and ms until the window ends (0 when none). */
  get(key: string): Promise<{ count: number; ttlMs: number }>;
  increment(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  reset(key: string): Promise<void>;
}

export class MemoryWindowCounter implements WindowCounter {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string) {
    const e = this.live(key);
    return e ? { count: e.count, ttlMs: e.expiresAt - this.now() } : { count: 0, ttlMs: 0 };
  }

  async increment(key: string, windowMs: number) {
    const e = this.live(key) ?? { count: 0, expiresAt: this.now() + windowMs };
    e.count += 1;
    this.entries.set(key, e);
    if (this.entries.size > 100_000) this.sweep();
    return { count: e.count, ttlMs: e.expiresAt - this.now() };
  }

  async reset(key: string) {
    this.entries.delete(key);
  }

  private live(key: string) {
    const e = this.entries.get(key);
    if (e && e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep() {
    const now = this.now();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }
}

/** Shared by every node, so a throttled account stays throttled whichever node answers. */
export class RedisWindowCounter implements WindowCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string) {
    const [count, ttl] = await Promise.all([this.redis.get(this.prefix + key), this.redis.pttl(this.prefix + key)]);
    return { count: Number(count ?? 0), ttlMs: Math.max(0, ttl) };
  }

  async increment(key: string, windowMs: number) {
    const k = this.prefix + key;
    const result = await this.redis.multi().set(k, '0', 'PX', windowMs, 'NX').incr(k).pttl(k).exec();
    const count = Number(result?.[1]?.[1] ?? 1);
    const ttlMs = Number(result?.[2]?.[1] ?? windowMs);
    return { count, ttlMs: Math.max(0, ttlMs) };
  }

  async reset(key: string) {
    await this.redis.del(this.prefix + key);
  }
}

export const FAILURE_COUNTER = Symbol('FAILURE_COUNTER');
