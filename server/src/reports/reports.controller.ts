import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnnualReportQuery, IdParamSchema, QuarterlyReportQuery, SchoolReportQuery } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { downloadFile } from '../platform/download.js';
import { ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { type ReportFile, ReportsService } from './reports.service.js';

const file = (f: ReportFile) => downloadFile(f.buffer, f.type, f.filename);

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The annual report (dept admin), XLSX or PDF. */
  @Get('annual')
  @ApiQueryFrom(AnnualReportQuery)
  async annual(@Auth() auth: AuthUser, @Query(zod(AnnualReportQuery)) query: AnnualReportQuery) {
    return file(await this.reports.annual(auth, query));
  }

  /** A quarterly province's report for one quarter of the school year (dept admin), XLSX or PDF; 409 NOT_QUARTERLY for a province reporting yearly. */
  @Get('quarterly')
  @ApiQueryFrom(QuarterlyReportQuery)
  async quarterly(@Auth() auth: AuthUser, @Query(zod(QuarterlyReportQuery)) query: QuarterlyReportQuery) {
    return file(await this.reports.quarterly(auth, query));
  }

  /** One school's report (dept admin, or the school's admin). */
  @Get('schools/:id')
  @ApiQueryFrom(SchoolReportQuery)
  async school(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(SchoolReportQuery)) query: SchoolReportQuery) {
    return file(await this.reports.school(auth, id, query));
  }

  /** How far a report build has got, by the token the client passed as `progress`. */
  @Get('progress/:id')
  progress(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.reports.progressOf(auth, id);
  }
}
