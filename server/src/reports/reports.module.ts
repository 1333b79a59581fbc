import { Module } from '@nestjs/common';

import { CoverageModule } from '../coverage/coverage.module.js';
import { DiagnosticsModule } from '../diagnostics/diagnostics.module.js';
import { OrgModule } from '../org/org.module.js';
import { TrainingModule } from '../training/training.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/** The annual and per-school reports: files built from the coverage figures, which depend on nothing here. */
@Module({
  imports: [CoverageModule, DiagnosticsModule, OrgModule, TrainingModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
