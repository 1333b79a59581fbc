import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { AuthModule } from '../auth/auth.module.js';
import { CONFIG, type Config } from '../config/config.js';
import { LessonsModule } from '../lessons/lessons.module.js';
import { REDIS } from '../platform/redis.js';
import { ContestEntriesController, ContestsController } from './contests.controller.js';
import { ContestsRepository } from './contests.repository.js';
import { ContestsService } from './contests.service.js';
import { EntriesRepository } from './entries.repository.js';
import { EntriesService } from './entries.service.js';
import { AnswerWriter } from './live/answer-writer.service.js';
import { LiveGateway } from './live/live.gateway.js';
import { LiveAnswersRepository } from './live/live-answers.repository.js';
import { LiveHostService } from './live/live-host.service.js';
import { LivePlayerService } from './live/live-player.service.js';
import { LiveSessionDriver } from './live/live-session.driver.js';
import { LIVE_STORE, MemoryLiveStore } from './live/live-store.js';
import { RedisLiveStore } from './live/redis-live-store.js';
import { ResultsService } from './results.service.js';

@Module({
  imports: [AuthModule, LessonsModule],
  controllers: [ContestsController, ContestEntriesController],
  providers: [
    ContestsRepository,
    ContestsService,
    ResultsService,
    EntriesRepository,
    EntriesService,
    LiveAnswersRepository,
    AnswerWriter,
    LiveSessionDriver,
    LiveHostService,
    LivePlayerService,
    LiveGateway,
    {
      provide: LIVE_STORE,
      inject: [REDIS, CONFIG],
      useFactory: (redis: Redis | null, config: Config) => (redis ? new RedisLiveStore(redis, config.redisKeyPrefix) : new MemoryLiveStore()),
    },
  ],
})
export class ContestsModule {}
