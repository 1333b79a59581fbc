import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnnualReportQuery, CoverageQuery, IdParamSchema, SchoolCoverageQuery, SchoolReportQuery } from '@tinhtao/shared';

import { Auth, type AuthUser } from '../platform/auth.decorators.js';
import { downloadFile } from '../platform/download.js';
import { ApiQueryFrom } from '../platform/openapi.js';
import { zod } from '../platform/zod.pipe.js';
import { type ReportFile, ReportsService } from '../reports/reports.service.js';
import { CoverageService } from './coverage.service.js';

const file = (f: ReportFile) => downloadFile(f.buffer, f.type, f.filename);

@ApiTags('coverage')
@Controller()
export class CoverageController {
  constructor(
    private readonly coverage: CoverageService,
    private readonly reports: ReportsService,
  ) {}

  /** Per school and area coverage by program, totals beside the targets, trend and contests. A school admin gets own school. */
  @Get('coverage')
  @ApiQueryFrom(CoverageQuery)
  get(@Auth() auth: AuthUser, @Query(zod(CoverageQuery)) query: CoverageQuery) {
    return this.coverage.coverage(auth, query.year, query.level);
  }

  /** One school: per level, class and teacher, with the required lessons each class still lacks. */
  @Get('coverage/schools/:id')
  @ApiQueryFrom(SchoolCoverageQuery)
  school(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(SchoolCoverageQuery)) query: SchoolCoverageQuery) {
    return this.coverage.school(auth, id, query.year);
  }

  /** The annual report (dept admin), XLSX or PDF. */
  @Get('reports/annual')
  @ApiQueryFrom(AnnualReportQuery)
  async annual(@Auth() auth: AuthUser, @Query(zod(AnnualReportQuery)) query: AnnualReportQuery) {
    return file(await this.reports.annual(auth, query));
  }

  /** One school's report (dept admin, or the school's admin). */
  @Get('reports/schools/:id')
  @ApiQueryFrom(SchoolReportQuery)
  async schoolReport(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }, @Query(zod(SchoolReportQuery)) query: SchoolReportQuery) {
    return file(await this.reports.school(auth, id, query));
  }

  /** How far a report build has got, by the token the client passed as `progress`. */
  @Get('reports/progress/:id')
  progress(@Auth() auth: AuthUser, @Param(zod(IdParamSchema)) { id }: { id: string }) {
    return this.reports.progressOf(auth, id);
  }
}
