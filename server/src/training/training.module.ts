import { Module } from '@nestjs/common';

import { AssignmentsModule } from '../assignments/assignments.module.js';
import { LessonsModule } from '../lessons/lessons.module.js';
import { OrgModule } from '../org/org.module.js';
import { TrainingController } from './training.controller.js';
import { TrainingRepository } from './training.repository.js';
import { TrainingService } from './training.service.js';

/** The Department's program for its own officials and the schools' teachers and leaders. */
@Module({
  imports: [AssignmentsModule, LessonsModule, OrgModule],
  controllers: [TrainingController],
  providers: [TrainingRepository, TrainingService],
  exports: [TrainingService],
})
export class TrainingModule {}
