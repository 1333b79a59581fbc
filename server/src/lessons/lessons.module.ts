import { Module } from '@nestjs/common';

import { ItemsRepository } from './items.repository.js';
import { LessonItemsCache } from './lesson-items.cache.js';
import { ItemsController, LessonsController } from './lessons.controller.js';
import { LessonsRepository } from './lessons.repository.js';
import { LessonsService } from './lessons.service.js';

@Module({
  controllers: [LessonsController, ItemsController],
  providers: [LessonsRepository, ItemsRepository, LessonsService, LessonItemsCache],
  exports: [LessonsRepository, ItemsRepository, LessonItemsCache],
})
export class LessonsModule {}
