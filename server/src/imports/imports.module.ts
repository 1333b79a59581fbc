import { Module } from '@nestjs/common';

import { AccountsController, ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';
import { LoginCardsService } from './login-cards.js';
import { RolloverService } from './rollover.js';

@Module({
  controllers: [ImportsController, AccountsController],
  providers: [ImportsRepository, ImportsService, LoginCardsService, RolloverService],
})
export class ImportsModule {}
