import { Module } from '@nestjs/common';

import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';
import { SchoolImportRepository } from './school-import.repository.js';
import { StudentImportRepository } from './student-import.repository.js';

@Module({
  controllers: [ImportsController],
  providers: [ImportsRepository, StudentImportRepository, SchoolImportRepository, ImportsService],
})
export class ImportsModule {}
