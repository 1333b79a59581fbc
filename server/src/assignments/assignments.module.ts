import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module.js';
import { LessonsModule } from '../lessons/lessons.module.js';
import { OrgModule } from '../org/org.module.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { AssignmentsService } from './assignments.service.js';
import { AttemptsRepository } from './attempts.repository.js';
import { AttemptsService } from './attempts.service.js';
import { ProgressRepository } from './progress.repository.js';
import { ProgressService } from './progress.service.js';

@Module({
  imports: [LessonsModule, OrgModule, AuthModule],
  controllers: [AssignmentsController],
  providers: [AssignmentsRepository, AttemptsRepository, ProgressRepository, AssignmentsService, AttemptsService, ProgressService],
  exports: [AttemptsService],
})
export class AssignmentsModule {}
