import { Injectable } from '@nestjs/common';
import {
  type AreaCoverageDto,
  type ClassCoverageDto,
  type CoverageDto,
  type CoverageSettingsDto,
  type CurriculumLevel,
  curriculumLevelsOf,
  daysUntil,
  DEFAULT_PROVINCE_YEAR,
  hasProgram,
  type KindCoverageDto,
  monthsSoFar,
  nextQuarterDeadline,
  pairCoverage,
  Permission,
  type ProgramFigureDto,
  type ProgramKind,
  provinceFigure,
  type ProvinceYearDto,
  type Quarter,
  type QuarterCoverageDto,
  quarterDeadline,
  quarterPeriod,
  type QuarterSchoolKindDto,
  type RequiredLessonDto,
  type SchoolCoverageDetailDto,
  type SchoolCoverageDto,
  schoolFilterOf,
  schoolStanding,
  schoolYearBounds,
  type Share,
  share,
  type TeacherCoverageDto,
  type TrendPointDto,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { ProvinceRepository } from '../org/province.repository.js';
import { found } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { type ContestRow, CoverageRepository, type MonthRow, type RequiredRow, type SchoolKindRow } from './coverage.repository.js';

export const KINDS: readonly ProgramKind[] = ['SAFETY', 'MEDIA_LITERACY'];
const byKind = <T>(f: (kind: ProgramKind) => T) => Object.fromEntries(KINDS.map((k) => [k, f(k)])) as Record<ProgramKind, T>;

type YearSettings = Omit<ProvinceYearDto, 'provinceId' | 'schoolYear'>;

/**
 * Coverage of the two annual programs against the province's targets (DESIGN §2), from the
 * roll-ups: the figures are the shared rule applied to counters the write paths keep.
 */
@Injectable()
export class CoverageService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: CoverageRepository,
    private readonly province: ProvinceRepository,
    private readonly clock: Clock,
  ) {}

  /** A dept admin sees the province; a school admin the same shape with own school only. */
  async coverage(auth: AuthUser, year: string, level: CurriculumLevel, now = this.clock.now()): Promise<CoverageDto> {
    const bounds = schoolYearBounds(year);
    const { province, settings, schools, requiredCount, curriculumInForce, kindRows, months, contests, horizon } = await this.readLevel(
      auth,
      year,
      level,
      bounds,
    );
    const counters = new Map(kindRows.map((r) => [`${r.schoolId}:${r.kind}`, r]));
    const empty = (schoolId: string, kind: ProgramKind): SchoolKindRow => ({
      schoolId,
      kind,
      classes: 0,
      students: 0,
      pairs: 0,
      reached: 0,
      lacking: 0,
      lastAt: null,
    });

    const schoolDtos: SchoolCoverageDto[] = schools.map((s) => {
      const rows = byKind((k) => counters.get(`${s.id}:${k}`) ?? empty(s.id, k));
      const lastAt =
        KINDS.map((k) => rows[k].lastAt)
          .filter((d): d is Date => d !== null)
          .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
      return {
        ...s,
        students: rows.SAFETY.students,
        classes: rows.SAFETY.classes,
        lastActivityAt: lastAt?.toISOString() ?? null,
        kinds: byKind((k) => this.standing(rows[k], requiredCount[k], curriculumInForce[k], settings.schoolThreshold, bounds.lessonsStart, horizon, now)),
      };
    });

    const students = schoolDtos.reduce((n, s) => n + s.students, 0);
    const totals = byKind((k): ProgramFigureDto => {
      const reached = schoolDtos.reduce((n, s) => n + s.kinds[k].reached.done, 0);
      const reachedShare = share(reached, students);
      return {
        curriculumInForce: curriculumInForce[k],
        requiredLessons: requiredCount[k],
        schools: provinceFigure(
          schoolDtos.map((s) => ({ hasProgram: s.kinds[k].hasProgram })),
          settings.targets[k][level],
        ),
        reached: {
          ...reachedShare,
          target: settings.studentsReachedTarget,
          met: reachedShare.percent !== null && reachedShare.percent >= settings.studentsReachedTarget,
        },
        pairs: pairCoverage(schoolDtos.map((s) => ({ students: s.students, requiredLessons: requiredCount[k], completedPairs: s.kinds[k].coverage.done }))),
        atRisk: schoolDtos.filter((s) => s.kinds[k].atRisk).length,
      };
    });

    return {
      province: { id: province.id, code: province.code, name: province.name },
      year,
      level,
      generatedAt: now.toISOString(),
      settings: this.settingsDto(settings, level),
      deadline: this.deadline(settings, year, now),
      totals,
      areas: this.areas(schoolDtos),
      schools: schoolDtos,
      trend: this.trend(year, now, schoolDtos, months, requiredCount, curriculumInForce, settings.schoolThreshold),
      contests: contestFigures(contests),
    };
  }

  /**
   * What the dashboard and the reports read of one level, after the access check: the schools,
   * the required lessons and curricula in force, the schools' counters and months, and the
   * contests held in `contestsIn` (the school year, or a quarter).
   */
  private async readLevel(auth: AuthUser, year: string, level: CurriculumLevel, contestsIn: { from: Date; to: Date }) {
    const schoolId = schoolFilterOf(auth);
    this.access.requireFacts(auth, Permission.CoverageRead, { provinceId: auth.provinceId, schoolId }, 'Coverage is for the Department and school admins');
    const province = found(await this.province.findProvince(auth.provinceId));
    const settings = await this.settings(auth.provinceId, year);
    const [required, inForce, schools] = await Promise.all([
      this.repo.required(auth.provinceId, year),
      this.repo.inForce(auth.provinceId, year),
      this.repo.schools(auth.provinceId, level, schoolId),
    ]);
    const requiredCount = byKind((k) => required.filter((r) => r.level === level && r.kind === k).length);
    const curriculumInForce = byKind((k) => inForce.some((c) => c.level === level && c.kind === k) && requiredCount[k] > 0);
    const [kindRows, months, contests] = await Promise.all([
      this.repo.schoolKinds(auth.provinceId, year, level, requiredCount, schoolId),
      this.repo.months(auth.provinceId, year, level, schoolId),
      this.repo.contests(auth.provinceId, contestsIn.from, contestsIn.to, level, schoolId),
    ]);
    const horizon = this.horizon(settings, schoolYearBounds(year).lessonsEnd);
    return { province, settings, schools, requiredCount, curriculumInForce, kindRows, months, contests, horizon };
  }

  /**
   * A level at a quarter's end beside its start (the previous quarter's end in this school year),
   * and what happened in the quarter. Figures come from the month roll-ups summed up to the
   * quarter's last month, as the trend's do, against today's enrolment and required lessons; the
   * schools at risk are the shared rule's, projected from the lessons' start to the quarter's end.
   */
  async quarter(auth: AuthUser, year: string, level: CurriculumLevel, quarter: Quarter, now = this.clock.now()): Promise<QuarterCoverageDto> {
    const bounds = schoolYearBounds(year);
    const period = quarterPeriod(year, quarter);
    const { province, settings, schools, requiredCount, curriculumInForce, kindRows, months, contests, horizon } = await this.readLevel(
      auth,
      year,
      level,
      period,
    );
    const enrolment = new Map(kindRows.map((r) => [r.schoolId, r]));
    const [first, last] = [period.months[0], period.months[2]];
    const sum = (rows: MonthRow[], field: 'pairs' | 'reached' | 'submitted') => rows.reduce((n, m) => n + m[field], 0);
    const bySchoolKind = new Map<string, MonthRow[]>();
    for (const m of months) bySchoolKind.set(`${m.schoolId}:${m.kind}`, [...(bySchoolKind.get(`${m.schoolId}:${m.kind}`) ?? []), m]);

    const standingAt = (school: string, students: number, k: ProgramKind, upTo: (month: string) => boolean, asOf: Date) => {
      const rows = (bySchoolKind.get(`${school}:${k}`) ?? []).filter((m) => upTo(m.month));
      return schoolStanding({
        students,
        requiredLessons: requiredCount[k],
        completedPairs: sum(rows, 'pairs'),
        reached: sum(rows, 'reached'),
        curriculumInForce: curriculumInForce[k],
        schoolThreshold: settings.schoolThreshold,
        lessonsStart: bounds.lessonsStart,
        horizon,
        now: asOf,
      });
    };
    const schoolDtos = schools.map((s) => {
      const students = enrolment.get(s.id)?.students ?? 0;
      const kinds = byKind((k): QuarterSchoolKindDto & AtStart => {
        const start = standingAt(s.id, students, k, (m) => m < first, period.from);
        const end = standingAt(s.id, students, k, (m) => m <= last, period.to);
        const { coverage, hasProgram, reached, projected, atRisk } = end;
        return {
          coverage,
          hasProgram,
          newlyWithProgram: hasProgram && !start.hasProgram,
          reached,
          projected,
          atRisk,
          hadProgram: start.hasProgram,
          reachedAtStart: start.reached.done,
        };
      });
      return { ...s, students, classes: enrolment.get(s.id)?.classes ?? 0, kinds };
    });

    const students = schoolDtos.reduce((n, s) => n + s.students, 0);
    const inQuarter = months.filter((m) => m.month >= first && m.month <= last);
    const totals = byKind((k) => {
      const reached = schoolDtos.reduce((n, s) => n + s.kinds[k].reached.done, 0);
      const reachedAtStart = schoolDtos.reduce((n, s) => n + s.kinds[k].reachedAtStart, 0);
      const reachedShare = share(reached, students);
      return {
        curriculumInForce: curriculumInForce[k],
        requiredLessons: requiredCount[k],
        schoolsAtStart: share(schoolDtos.filter((s) => s.kinds[k].hadProgram).length, schoolDtos.length),
        schools: provinceFigure(
          schoolDtos.map((s) => ({ hasProgram: s.kinds[k].hasProgram })),
          settings.targets[k][level],
        ),
        reachedAtStart,
        reached: {
          ...reachedShare,
          target: settings.studentsReachedTarget,
          met: reachedShare.percent !== null && reachedShare.percent >= settings.studentsReachedTarget,
        },
        reachedInQuarter: reached - reachedAtStart,
        pairs: sumShares(schoolDtos.map((s) => s.kinds[k].coverage)),
        lessonsDone: sum(
          inQuarter.filter((m) => m.kind === k),
          'submitted',
        ),
        atRisk: schoolDtos.filter((s) => s.kinds[k].atRisk).length,
      };
    });
    const next = quarter < 4 ? { schoolYear: year, quarter: (quarter + 1) as Quarter } : { schoolYear: nextSchoolYear(year), quarter: 1 as Quarter };
    return {
      province: { id: province.id, code: province.code, name: province.name },
      year,
      level,
      quarter,
      period: { firstDay: period.firstDay, lastDay: period.lastDay },
      ended: now.getTime() >= period.to.getTime(),
      settings: this.settingsDto(settings, level),
      projection: { from: isoDayOf(bounds.lessonsStart), to: isoDayOf(horizon) },
      nextDeadline: { ...next, date: quarterDeadline(next.schoolYear, next.quarter, settings.quarterReportDay) },
      totals,
      schools: schoolDtos.map((s) => ({ ...s, kinds: byKind((k) => withoutStart(s.kinds[k])) })),
      contests: contestFigures(contests),
    };
  }

  /** One school: its figure per level it teaches, its classes, its teachers, and what is missing. */
  async school(auth: AuthUser, schoolId: string, year: string, now = this.clock.now()): Promise<SchoolCoverageDetailDto> {
    await this.access.require(auth, Permission.CoverageRead, [schoolId]);
    const school = found(await this.repo.school(schoolId));
    const settings = await this.settings(school.provinceId, year);
    const bounds = schoolYearBounds(year);
    const horizon = this.horizon(settings, bounds.lessonsEnd);
    const [required, inForce, classes] = await Promise.all([
      this.repo.required(school.provinceId, year),
      this.repo.inForce(school.provinceId, year),
      this.repo.classes(schoolId, year),
    ]);
    const ids = classes.map((c) => c.id);
    const [kinds, lessons, assigned, teachers] = await Promise.all([
      this.repo.classKinds(ids),
      this.repo.classLessons(ids),
      this.repo.assigned(ids),
      this.repo.teachers(ids),
    ]);
    const requiredOf = (level: CurriculumLevel, kind?: ProgramKind) => required.filter((r) => r.level === level && (!kind || r.kind === kind));
    const inForceOf = (level: CurriculumLevel, kind: ProgramKind) =>
      inForce.some((c) => c.level === level && c.kind === kind) && requiredOf(level, kind).length > 0;

    const classDtos: ClassCoverageDto[] = classes.map((c) => {
      const given = new Set(assigned.filter((a) => a.classId === c.id).map((a) => a.lineageId));
      const passed = Object.fromEntries(lessons.filter((l) => l.classId === c.id).map((l) => [l.lineageId, l.passed]));
      const own = kinds.filter((k) => k.classId === c.id);
      const lastAt =
        own
          .map((k) => k.lastAt)
          .filter((d): d is Date => d !== null)
          .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
      return {
        id: c.id,
        name: c.name,
        grade: c.grade,
        level: c.level,
        students: c.students,
        teachers: teachers.filter((t) => t.classId === c.id).map((t) => ({ id: t.id, fullName: t.fullName })),
        kinds: byKind((k) => {
          const req = requiredOf(c.level, k);
          const row = own.find((r) => r.kind === k);
          return {
            coverage: pairCoverage([{ students: c.students, requiredLessons: req.length, completedPairs: row?.pairs ?? 0 }]),
            reached: share(Math.min(row?.reached ?? 0, c.students), c.students),
            assigned: req.filter((r) => given.has(r.lineageId)).length,
            required: req.length,
          };
        }),
        missing: requiredOf(c.level)
          .filter((r) => !given.has(r.lineageId))
          .map(requiredDto),
        passed,
        lastActivityAt: lastAt?.toISOString() ?? null,
      };
    });

    const levels = curriculumLevelsOf(school.level).map((level) => {
      const own = classDtos.filter((c) => c.level === level);
      return {
        level,
        required: requiredOf(level).map(requiredDto),
        kinds: byKind((k): KindCoverageDto => {
          const row: SchoolKindRow = {
            schoolId,
            kind: k,
            classes: own.length,
            students: own.reduce((n, c) => n + c.students, 0),
            pairs: own.reduce((n, c) => n + c.kinds[k].coverage.done, 0),
            reached: own.reduce((n, c) => n + c.kinds[k].reached.done, 0),
            lacking: own.filter((c) => c.kinds[k].assigned < c.kinds[k].required).length,
            lastAt: null,
          };
          return this.standing(row, requiredOf(level, k).length, inForceOf(level, k), settings.schoolThreshold, bounds.lessonsStart, horizon, now);
        }),
      };
    });

    const teacherMap = new Map<string, { id: string; fullName: string; classes: ClassCoverageDto[] }>();
    for (const c of classDtos) {
      for (const t of c.teachers) {
        const entry = teacherMap.get(t.id) ?? { ...t, classes: [] };
        entry.classes.push(c);
        teacherMap.set(t.id, entry);
      }
    }
    const teacherDtos: TeacherCoverageDto[] = [...teacherMap.values()]
      .map((t) => ({
        id: t.id,
        fullName: t.fullName,
        classes: t.classes.length,
        students: t.classes.reduce((n, c) => n + c.students, 0),
        kinds: byKind((k) =>
          pairCoverage(t.classes.map((c) => ({ students: c.students, requiredLessons: c.kinds[k].required, completedPairs: c.kinds[k].coverage.done }))),
        ),
      }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));

    const { targets: _targets, ...rest } = this.settingsDto(settings, 'THCS');
    return {
      school: { id: school.id, name: school.name, ministryCode: school.ministryCode, level: school.level, areaName: school.areaName },
      year,
      settings: rest,
      deadline: this.deadline(settings, year, now),
      levels,
      classes: classDtos,
      teachers: teacherDtos,
    };
  }

  /** The province's settings for the year, or the defaults DESIGN gives. */
  async settings(provinceId: string, year: string): Promise<YearSettings> {
    return (await this.province.findYear(provinceId, year)) ?? { ...DEFAULT_PROVINCE_YEAR, reportDeadline: null };
  }

  /** The annual report's deadline; for a province reporting quarterly, the next quarterly report due. */
  private deadline(settings: YearSettings, year: string, now: Date): CoverageDto['deadline'] {
    if (settings.reporting === 'quarterly') {
      const next = nextQuarterDeadline(year, settings.quarterReportDay, now);
      return { date: next.date, daysLeft: daysUntil(next.date, now), quarter: next.quarter };
    }
    return { date: settings.reportDeadline, daysLeft: settings.reportDeadline ? daysUntil(settings.reportDeadline, now) : null };
  }

  private horizon(settings: YearSettings, lessonsEnd: Date): Date {
    if (!settings.reportDeadline) return lessonsEnd;
    const [y, m, d] = settings.reportDeadline.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d) - 7 * 3600 * 1000);
  }

  private standing(row: SchoolKindRow, required: number, inForce: boolean, threshold: number, lessonsStart: Date, horizon: Date, now: Date): KindCoverageDto {
    const s = schoolStanding({
      students: row.students,
      requiredLessons: required,
      completedPairs: row.pairs,
      reached: row.reached,
      curriculumInForce: inForce,
      schoolThreshold: threshold,
      lessonsStart,
      horizon,
      now,
    });
    return { ...s, classesLacking: required > 0 ? row.lacking : 0 };
  }

  private settingsDto(settings: YearSettings, level: CurriculumLevel): CoverageSettingsDto {
    return {
      targets: byKind((k) => settings.targets[k][level]),
      studentsReachedTarget: settings.studentsReachedTarget,
      schoolThreshold: settings.schoolThreshold,
      passMark: settings.passMark,
      reporting: settings.reporting,
      reportDeadline: settings.reportDeadline,
    };
  }

  private areas(schools: SchoolCoverageDto[]): AreaCoverageDto[] {
    const groups = new Map<string, SchoolCoverageDto[]>();
    for (const s of schools) groups.set(s.areaId ?? '', [...(groups.get(s.areaId ?? '') ?? []), s]);
    return [...groups.entries()]
      .map(([id, list]) => {
        const students = list.reduce((n, s) => n + s.students, 0);
        return {
          id: id || null,
          name: list[0].areaName ?? '',
          schools: list.length,
          students,
          kinds: byKind((k) => ({
            withProgram: share(list.filter((s) => s.kinds[k].hasProgram).length, list.length),
            pairs: sumShares(list.map((s) => s.kinds[k].coverage)),
            reached: share(
              list.reduce((n, s) => n + s.kinds[k].reached.done, 0),
              students,
            ),
          })),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /**
   * Month by month, from the completions counted in each month: schools with the program and
   * the pair coverage at each month's end, against today's enrolment.
   */
  private trend(
    year: string,
    now: Date,
    schools: SchoolCoverageDto[],
    months: { schoolId: string; kind: ProgramKind; month: string; pairs: number; reached: number; submitted: number }[],
    required: Record<ProgramKind, number>,
    inForce: Record<ProgramKind, boolean>,
    threshold: number,
  ): TrendPointDto[] {
    const labels = monthsSoFar(year, now);
    const cumulative = new Map<string, number>();
    return labels.map((month) => {
      const inMonth = months.filter((m) => m.month === month);
      for (const m of inMonth) cumulative.set(`${m.schoolId}:${m.kind}`, (cumulative.get(`${m.schoolId}:${m.kind}`) ?? 0) + m.pairs);
      return {
        month,
        kinds: byKind((k) => {
          const coverages = schools.map((s) =>
            pairCoverage([{ students: s.students, requiredLessons: required[k], completedPairs: cumulative.get(`${s.id}:${k}`) ?? 0 }]),
          );
          return {
            schoolsWithProgram: share(coverages.filter((c) => hasProgram(c, inForce[k], threshold)).length, schools.length),
            pairs: sumShares(coverages),
            reached: inMonth.filter((m) => m.kind === k).reduce((n, m) => n + m.reached, 0),
            submitted: inMonth.filter((m) => m.kind === k).reduce((n, m) => n + m.submitted, 0),
          };
        }),
      };
    });
  }
}

function requiredDto(r: RequiredRow): RequiredLessonDto {
  return { lessonId: r.lessonId, lineageId: r.lineageId, title: r.title, kind: r.kind };
}

function contestFigures(contests: ContestRow[]): CoverageDto['contests'] {
  return {
    held: contests.reduce((n, c) => n + c.held, 0),
    sessions: contests.reduce((n, c) => n + c.sessions, 0),
    participants: contests.reduce((n, c) => n + c.participants, 0),
    byKind: byKind((k) => {
      const row = contests.find((c) => c.kind === k);
      return { held: row?.held ?? 0, participants: row?.participants ?? 0 };
    }),
  };
}

/** A school's standing at a quarter's start, used for the quarter's changes and not reported per school. */
interface AtStart {
  hadProgram: boolean;
  reachedAtStart: number;
}

function withoutStart({ hadProgram: _had, reachedAtStart: _start, ...kind }: QuarterSchoolKindDto & AtStart): QuarterSchoolKindDto {
  return kind;
}

const nextSchoolYear = (year: string) => `${Number(year.slice(0, 4)) + 1}-${Number(year.slice(0, 4)) + 2}`;

/** YYYY-MM-DD of a moment on Vietnam's calendar. */
const isoDayOf = (at: Date) => new Date(at.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);

function sumShares(shares: Share[]): Share {
  return share(
    shares.reduce((n, s) => n + s.done, 0),
    shares.reduce((n, s) => n + s.of, 0),
  );
}
