import { Module } from '@nestjs/common';

import { ItemsRepository } from './items.repository.js';
import { ItemsController, LessonsController } from './lessons.controller.js';
import { LessonsRepository } from './lessons.repository.js';
import { LessonsService } from './lessons.service.js';
import { PublishedItemsRepository } from './published-items.repository.js';

@Module({
  controllers: [LessonsController, ItemsController],
  providers: [LessonsRepository, ItemsRepository, LessonsService, PublishedItemsRepository],
  exports: [LessonsRepository, ItemsRepository, PublishedItemsRepository],
})
export class LessonsModule {}
