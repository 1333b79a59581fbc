import { Redis } from 'ioredis';

export const REDIS = Symbol('REDIS');

/** One shared client when REDIS_URL is set; null means one node, state in memory. */
export function createRedis(url: string | null): Redis | null {
  if (!url) return null;
  return new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
}
