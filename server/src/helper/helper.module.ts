import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { CONFIG, type Config } from '../config/config.js';
import { Clock } from '../platform/clock.js';
import { REDIS } from '../platform/redis.js';
import { MemoryWindowCounter, RedisWindowCounter } from '../platform/window-counter.js';
import { CONVERSATIONS, HELPER_RATE, MemoryConversationStore, RedisConversationStore } from './conversations.js';
import { HelperController } from './helper.controller.js';
import { HelperRepository } from './helper.repository.js';
import { HelperService } from './helper.service.js';

/** Conversations and the rate limit live in Redis when nodes share work, else in this node's memory. */
@Module({
  controllers: [HelperController],
  providers: [
    HelperRepository,
    HelperService,
    {
      provide: CONVERSATIONS,
      inject: [REDIS, CONFIG, Clock],
      useFactory: (redis: Redis | null, config: Config, clock: Clock) =>
        redis ? new RedisConversationStore(redis, `${config.redisKeyPrefix}helper:conversation:`) : new MemoryConversationStore(() => clock.nowMs()),
    },
    {
      provide: HELPER_RATE,
      inject: [REDIS, CONFIG],
      useFactory: (redis: Redis | null, config: Config) =>
        redis ? new RedisWindowCounter(redis, `${config.redisKeyPrefix}helper:rate:`) : new MemoryWindowCounter(),
    },
  ],
  exports: [HelperRepository],
})
export class HelperModule {}
