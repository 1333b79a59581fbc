import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { LessonsModule } from '../lessons/lessons.module.js';
import { ContestsController } from './contests.controller.js';
import { ContestsRepository } from './contests.repository.js';
import { ContestsService } from './contests.service.js';
import { ResultsService } from './results.service.js';
import { LiveGateway } from './live/live.gateway.js';
import { LiveService } from './live/live.service.js';

@Module({
  imports: [AuthModule, LessonsModule],
  controllers: [ContestsController],
  providers: [ContestsRepository, ContestsService, ResultsService, LiveService, LiveGateway],
})
export class ContestsModule {}
