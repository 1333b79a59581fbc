import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';

import { HealthRepository } from '../database/health.repository.js';
import { Public } from './auth.decorators.js';
import { REDIS } from './redis.js';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@ApiTags('platform')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  /** `{status:"ok", db:"up", redis:"up"|"off"}`; 503 with "down" for a dependency that does not answer. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const db = await withTimeout(this.db.ping(), 2000).then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const redis = this.redis
      ? await withTimeout(this.redis.ping(), 2000).then(
          () => 'up' as const,
          () => 'down' as const,
        )
      : ('off' as const);
    const ok = db === 'up' && redis !== 'down';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', db, redis };
  }
}
