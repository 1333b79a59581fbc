import { Module } from '@nestjs/common';

import { OrgModule } from '../org/org.module.js';
import { CoverageController } from './coverage.controller.js';
import { CoverageRepository } from './coverage.repository.js';
import { CoverageService } from './coverage.service.js';

@Module({
  imports: [OrgModule],
  controllers: [CoverageController],
  providers: [CoverageRepository, CoverageService],
  exports: [CoverageService],
})
export class CoverageModule {}
