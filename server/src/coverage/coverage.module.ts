import { Module } from '@nestjs/common';

import { DiagnosticsModule } from '../diagnostics/diagnostics.module.js';
import { OrgModule } from '../org/org.module.js';
import { ReportsService } from '../reports/reports.service.js';
import { CoverageController } from './coverage.controller.js';
import { CoverageRepository } from './coverage.repository.js';
import { CoverageService } from './coverage.service.js';

@Module({
  imports: [OrgModule, DiagnosticsModule],
  controllers: [CoverageController],
  providers: [CoverageRepository, CoverageService, ReportsService],
})
export class CoverageModule {}
