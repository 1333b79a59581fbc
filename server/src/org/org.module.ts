import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module.js';
import { ClassesRepository } from './classes.repository.js';
import { ClassesService } from './classes.service.js';
import { ClassesController, ProvinceController, SchoolsController, UsersController } from './org.controllers.js';
import { ProvinceRepository } from './province.repository.js';
import { ProvinceService } from './province.service.js';
import { SchoolsRepository } from './schools.repository.js';
import { SchoolsService } from './schools.service.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [AuthModule],
  controllers: [ProvinceController, SchoolsController, ClassesController, UsersController],
  providers: [ProvinceRepository, ProvinceService, SchoolsRepository, SchoolsService, ClassesRepository, ClassesService, UsersRepository, UsersService],
  exports: [ProvinceRepository],
})
export class OrgModule {}
