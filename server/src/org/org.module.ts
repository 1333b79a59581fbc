import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module.js';
import { ClassesRepository } from './classes.repository.js';
import { ClassesService } from './classes.service.js';
import { LoginCardsRepository } from './login-cards.repository.js';
import { LoginCardsService } from './login-cards.service.js';
import { AccountsController, ClassesController, ProvinceController, SchoolsController, UsersController } from './org.controllers.js';
import { ProvinceRepository } from './province.repository.js';
import { ProvinceService } from './province.service.js';
import { RolloverRepository } from './rollover.repository.js';
import { RolloverService } from './rollover.service.js';
import { SchoolsRepository } from './schools.repository.js';
import { SchoolsService } from './schools.service.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [AuthModule],
  controllers: [ProvinceController, SchoolsController, ClassesController, UsersController, AccountsController],
  providers: [
    ProvinceRepository,
    ProvinceService,
    SchoolsRepository,
    SchoolsService,
    ClassesRepository,
    ClassesService,
    UsersRepository,
    UsersService,
    RolloverRepository,
    RolloverService,
    LoginCardsRepository,
    LoginCardsService,
  ],
  exports: [ProvinceRepository],
})
export class OrgModule {}
