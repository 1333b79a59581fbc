import { Injectable } from '@nestjs/common';
import { type AnnualReportQuery, Permission, type QuarterlyReportQuery, type ReportProgressDto } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { CoverageService } from '../coverage/coverage.service.js';
import { DiagnosticsService } from '../diagnostics/diagnostics.service.js';
import { ProvinceRepository } from '../org/province.repository.js';
import { AppError, ErrorCode, found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { TrainingService } from '../training/training.service.js';
import { annualPdf, quarterlyPdf, schoolPdf } from './report-pdf.js';
import { diagnosticRows, type ReportContext } from './report-text.js';
import { annualXlsx, quarterlyXlsx, schoolXlsx } from './report-xlsx.js';

const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;
const PROGRESS_TTL_MS = 10 * 60_000;

export interface ReportFile {
  buffer: Buffer;
  type: string;
  filename: string;
}

/**
 * The annual report, a quarterly province's quarterly reports and the per-school reports, built from the same coverage figures the
 * dashboards show. A client may follow a build by a token of its own (kept on this node for
 * ten minutes; on another node the client sees 404 and shows an indefinite bar instead).
 */
@Injectable()
export class ReportsService {
  private readonly progress = new Map<string, ReportProgressDto & { userId: string; at: number }>();

  constructor(
    private readonly access: AccessService,
    private readonly coverage: CoverageService,
    private readonly province: ProvinceRepository,
    private readonly diagnostics: DiagnosticsService,
    private readonly training: TrainingService,
    private readonly clock: Clock,
  ) {}

  async annual(auth: AuthUser, query: AnnualReportQuery, now = this.clock.now()): Promise<ReportFile> {
    this.access.requireFacts(auth, Permission.ReportRead, { provinceId: auth.provinceId, schoolId: null }, 'The annual report is the Department’s');
    return this.tracked(auth, query.progress, async (step) => {
      const ctx = await this.context(auth.provinceId, query.year, now);
      step('reading', 10);
      const thcs = await this.coverage.coverage(auth, query.year, 'THCS', now);
      step('reading', 30);
      const thpt = await this.coverage.coverage(auth, query.year, 'THPT', now);
      const diagnostics = diagnosticRows(await this.diagnostics.yearResults(auth, query.year));
      const staff = await this.training.coverage(auth, { year: query.year }, now);
      step('writing', 50);
      const levels = [thcs, thpt];
      const buffer =
        query.format === 'pdf'
          ? await annualPdf(ctx, levels, diagnostics, staff)
          : await annualXlsx(ctx, levels, (p) => step('writing', p), diagnostics, staff);
      return { buffer, type: TYPES[query.format], filename: `bao-cao-nam-hoc-${query.year}-${ctx.province.code}.${query.format}` };
    });
  }

  /**
   * A quarterly province's report for one quarter, for the Department as the annual one is. A
   * province reporting yearly that school year gets 409 NOT_QUARTERLY rather than 400: the query is
   * well formed, and what rules the report out is the province-year's setting, which the Department
   * may change (the problem says to take the annual report instead).
   */
  async quarterly(auth: AuthUser, query: QuarterlyReportQuery, now = this.clock.now()): Promise<ReportFile> {
    this.access.requireFacts(auth, Permission.ReportRead, { provinceId: auth.provinceId, schoolId: null }, 'The quarterly report is the Department’s');
    const settings = await this.coverage.settings(auth.provinceId, query.year);
    if (settings.reporting !== 'quarterly')
      throw new AppError(ErrorCode.NotQuarterly, `The province reports yearly in ${query.year}; ask for the annual report`);
    return this.tracked(auth, query.progress, async (step) => {
      const ctx = await this.context(auth.provinceId, query.year, now);
      step('reading', 10);
      const thcs = await this.coverage.quarter(auth, query.year, 'THCS', query.quarter, now);
      step('reading', 30);
      const thpt = await this.coverage.quarter(auth, query.year, 'THPT', query.quarter, now);
      step('writing', 50);
      const levels = [thcs, thpt];
      const buffer = query.format === 'pdf' ? await quarterlyPdf(ctx, levels) : await quarterlyXlsx(ctx, levels, (p) => step('writing', p));
      return { buffer, type: TYPES[query.format], filename: `bao-cao-quy-${query.quarter}-nam-hoc-${query.year}-${ctx.province.code}.${query.format}` };
    });
  }

  async school(auth: AuthUser, schoolId: string, query: AnnualReportQuery, now = this.clock.now()): Promise<ReportFile> {
    await this.access.require(auth, Permission.CoverageRead, [schoolId]);
    return this.tracked(auth, query.progress, async (step) => {
      const detail = await this.coverage.school(auth, schoolId, query.year, now);
      const ctx = await this.context(auth.provinceId, query.year, now);
      step('writing', 50);
      const buffer = query.format === 'pdf' ? await schoolPdf(ctx, detail) : await schoolXlsx(ctx, detail);
      return { buffer, type: TYPES[query.format], filename: `bao-cao-${detail.school.ministryCode}-${query.year}.${query.format}` };
    });
  }

  /** How far a build has got; only its own user sees it. */
  progressOf(auth: AuthUser, token: string): ReportProgressDto {
    const entry = this.progress.get(token);
    if (!entry || entry.userId !== auth.userId) throw notFound('report build');
    return { percent: entry.percent, phase: entry.phase };
  }

  private async context(provinceId: string, year: string, now: Date): Promise<ReportContext> {
    const province = found(await this.province.findProvince(provinceId));
    const settings = await this.coverage.settings(provinceId, year);
    return { province, year, planReference: settings.planReference ?? '', now };
  }

  private async tracked(
    auth: AuthUser,
    token: string | undefined,
    build: (step: (phase: ReportProgressDto['phase'], percent: number) => void) => Promise<ReportFile>,
  ): Promise<ReportFile> {
    this.sweep();
    const step = (phase: ReportProgressDto['phase'], percent: number) => {
      if (token) this.progress.set(token, { phase, percent, userId: auth.userId, at: Date.now() });
    };
    step('queued', 0);
    try {
      const file = await build(step);
      step('done', 100);
      return file;
    } catch (error) {
      step('failed', 100);
      throw error;
    }
  }

  private sweep() {
    const old = Date.now() - PROGRESS_TTL_MS;
    for (const [token, entry] of this.progress) if (entry.at < old) this.progress.delete(token);
  }
}
