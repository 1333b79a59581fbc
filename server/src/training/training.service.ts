import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import {
  type AttemptDto,
  lessonCompleted,
  type MyTrainingDto,
  Permission,
  schoolFilterOf,
  schoolYearBounds,
  schoolYearOf,
  studentItem,
  type TrainingAssignBody,
  type TrainingAssignmentDto,
  type TrainingCoverageDto,
  type TrainingLessonDto,
  type TrainingProgramBody,
  type TrainingProgramDto,
  type TrainingTargetsBody,
  trainingTotals,
  trainingUnit,
  type TrainingUnitDto,
  type TrainingYearQuery,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AttemptsService } from '../assignments/attempts.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { PublishedItemsRepository } from '../lessons/published-items.repository.js';
import { ProvinceRepository } from '../org/province.repository.js';
import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { fieldError, validationFailed } from '../platform/zod.pipe.js';
import { type MyTrainingRow, TrainingRepository } from './training.repository.js';

const provinceFacts = (auth: AuthUser) => ({ provinceId: auth.provinceId, schoolId: null });
const DEPARTMENT = 'Sở Giáo dục và Đào tạo';

/**
 * The Department's program for its own people: staff lessons, the year's list of them with
 * its targets, giving them to schools' staff and to the Department, and their completion.
 * Staff do a lesson in the students' player: an attempt of a staff assignment is an attempt
 * like any other, saved and graded by the attempts service, and never moves students' coverage.
 */
@Injectable()
export class TrainingService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: TrainingRepository,
    private readonly attempts: AttemptsService,
    private readonly items: PublishedItemsRepository,
    private readonly province: ProvinceRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRepository,
    private readonly clock: Clock,
  ) {}

  /** The province's staff lessons: for those who give them (dept admins, school admins). */
  lessons(auth: AuthUser) {
    this.requireGiver(auth);
    return this.repo.lessons(auth.provinceId);
  }

  async program(auth: AuthUser, query: TrainingYearQuery): Promise<TrainingProgramDto> {
    this.requireGiver(auth);
    const [lessons, settings] = await Promise.all([this.repo.program(auth.provinceId, query.year), this.repo.settings(auth.provinceId, query.year)]);
    return { year: query.year, lessons, staffTarget: settings?.staffTarget ?? 100, staffReachedTarget: settings?.staffReachedTarget ?? 100 };
  }

  /** The year's list, saved whole; only staff lessons of the province may be on it. */
  async saveProgram(auth: AuthUser, body: TrainingProgramBody): Promise<TrainingProgramDto> {
    this.access.requireFacts(auth, Permission.TrainingManage, provinceFacts(auth), 'The staff program is the Department’s');
    const strangers = new Set(
      await this.repo.notStaffLessons(
        auth.provinceId,
        body.lessons.map((l) => l.lessonId),
      ),
    );
    const errors = body.lessons.flatMap((l, i) => (strangers.has(l.lessonId) ? [fieldError(`lessons.${i}.lessonId`, 'training.notStaffLesson')] : []));
    if (errors.length) throw validationFailed(errors);
    await this.tx.run(async (tx) => {
      await this.repo.saveProgram(tx, auth.provinceId, body.year, body.lessons);
      await this.audit.record(tx, auth, { action: 'training.program_saved', entity: 'training_program', entityId: body.year, detail: body });
    });
    return this.program(auth, { year: body.year });
  }

  async saveTargets(auth: AuthUser, body: TrainingTargetsBody): Promise<TrainingProgramDto> {
    this.access.requireFacts(auth, Permission.TrainingManage, provinceFacts(auth), 'The staff program is the Department’s');
    await this.tx.run(async (tx) => {
      if (!(await this.repo.saveTargets(tx, auth.provinceId, body.year, body.staffTarget, body.staffReachedTarget)))
        throw new AppError(ErrorCode.Conflict, `The school year ${body.year} has no settings yet: set its targets for students first`);
      await this.audit.record(tx, auth, { action: 'training.targets_saved', entity: 'province_year', entityId: body.year, detail: body });
    });
    return this.program(auth, { year: body.year });
  }

  /**
   * Gives a staff lesson. A dept admin gives it to any schools of the province (another
   * province's school is "not found") and to the Department; a school admin to their own
   * school only (403 for another, or for the Department).
   */
  async assign(auth: AuthUser, body: TrainingAssignBody): Promise<TrainingAssignmentDto> {
    if (body.department || body.allSchools)
      this.access.requireFacts(auth, Permission.TrainingAssign, provinceFacts(auth), 'Only the Department gives to every school');
    if (body.schoolIds.length) await this.access.require(auth, Permission.TrainingAssign, body.schoolIds);
    if ((await this.repo.notStaffLessons(auth.provinceId, [body.lessonId])).length) throw validationFailed([fieldError('lessonId', 'training.notStaffLesson')]);
    const schools = body.allSchools ? await this.repo.schoolIds(auth.provinceId) : [...new Set(body.schoolIds)];
    const targets: (string | null)[] = body.department ? [...schools, null] : schools;
    const groupId = randomUUID();
    await this.tx.run(async (tx) => {
      await this.repo.insertAssignments(tx, {
        provinceId: auth.provinceId,
        lessonId: body.lessonId,
        schoolIds: targets,
        opensAt: body.opensAt,
        dueAt: body.dueAt,
        createdBy: auth.userId,
        groupId,
      });
      await this.audit.record(tx, auth, {
        action: 'training.assigned',
        entity: 'assignment',
        entityId: groupId,
        schoolId: auth.schoolId,
        detail: { lessonId: body.lessonId, schools: schools.length, department: body.department, opensAt: body.opensAt, dueAt: body.dueAt },
      });
    });
    const year = schoolYearOf(new Date(body.opensAt));
    const { from, to } = schoolYearBounds(year);
    const made = (await this.repo.assignments(auth.provinceId, schoolFilterOf(auth), year, from, to)).find((a) => a.id === groupId);
    if (!made) throw notFound('assignment');
    return made;
  }

  /** What was given in the year: the province's for a dept admin, the school's part for a school admin. */
  assignments(auth: AuthUser, query: TrainingYearQuery): Promise<TrainingAssignmentDto[]> {
    this.requireGiver(auth);
    const { from, to } = schoolYearBounds(query.year);
    return this.repo.assignments(auth.provinceId, schoolFilterOf(auth), query.year, from, to);
  }

  /** The staff lessons given to the caller (a student is given none: the query takes staff roles only). */
  async mine(auth: AuthUser): Promise<MyTrainingDto[]> {
    const rows = await this.repo.mine(auth.userId);
    const passMarks = new Map<string, number>();
    for (const year of new Set(rows.map((r) => schoolYearOf(r.opensAt)))) passMarks.set(year, await this.province.passMark(auth.provinceId, year));
    return rows.map((r) => myTraining(r, passMarks.get(schoolYearOf(r.opensAt))!));
  }

  /** Starts or resumes the caller's attempt at a staff lesson, with the lesson as they read it (no answer key). */
  async start(auth: AuthUser, assignmentId: string): Promise<{ attempt: AttemptDto; lesson: TrainingLessonDto }> {
    const attempt = await this.attempts.start(auth, assignmentId);
    const lesson = await this.repo.staffLesson(attempt.lessonId);
    if (!lesson) throw notFound('assignment');
    const items = [...(await this.items.itemsOf(lesson.id)).values()].map(studentItem);
    return { attempt, lesson: { ...lesson, items } };
  }

  /** Completion per school and for the Department, against the year's targets; a school admin sees their own school only. */
  async coverage(auth: AuthUser, query: TrainingYearQuery, now = this.clock.now()): Promise<TrainingCoverageDto> {
    const own = schoolFilterOf(auth);
    if (own === null) this.access.requireFacts(auth, Permission.TrainingCoverageRead, provinceFacts(auth), 'The staff program’s figures are the Department’s');
    else await this.access.require(auth, Permission.TrainingCoverageRead, [own]);
    const settings = (await this.repo.settings(auth.provinceId, query.year)) ?? {
      staffTarget: 100,
      staffReachedTarget: 100,
      schoolThreshold: 80,
      passMark: 50,
    };
    const { from, to } = schoolYearBounds(query.year);
    const [program, counts, schools] = await Promise.all([
      this.repo.program(auth.provinceId, query.year),
      this.repo.counts(auth.provinceId, query.year, from, to, settings.passMark),
      this.repo.schools(auth.provinceId),
    ]);
    const required = program.filter((l) => l.required).length;
    const bySchool = new Map(counts.map((c) => [c.schoolId, c]));
    const unitOf = (schoolId: string | null, name: string, areaName: string | null): TrainingUnitDto => {
      const c = bySchool.get(schoolId) ?? { staff: 0, completedPairs: 0, reached: 0 };
      return { schoolId, name, areaName, staff: c.staff, ...trainingUnit(c, required, settings.schoolThreshold) };
    };
    // A school's admin sees their own school, not the province's totals (which would tell about the others).
    const units = schools.filter((s) => own === null || s.id === own).map((s) => unitOf(s.id, s.name, s.areaName));
    const department = own === null ? unitOf(null, DEPARTMENT, null) : null;
    const everyone = (department ? [...units, department] : units).map((u) => ({ staff: u.staff, reached: u.reached.done }));
    return {
      year: query.year,
      generatedAt: now.toISOString(),
      requiredLessons: required,
      schoolThreshold: settings.schoolThreshold,
      passMark: settings.passMark,
      ...trainingTotals(units, everyone, settings),
      department,
      units,
    };
  }

  private requireGiver(auth: AuthUser): void {
    const facts = { provinceId: auth.provinceId, schoolId: schoolFilterOf(auth) };
    this.access.requireFacts(auth, Permission.TrainingAssign, facts, 'Only the Department and school leaders give staff lessons');
  }
}

function myTraining(r: MyTrainingRow, passMark: number): MyTrainingDto {
  const status = r.attemptStatus ?? (r.opensAt > r.now ? 'upcoming' : 'not_started');
  return {
    id: r.id,
    lessonId: r.lessonId,
    title: r.title,
    opensAt: r.opensAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    status,
    overdue: status !== 'submitted' && r.dueAt < r.now,
    ...(status === 'submitted' && r.percent !== null ? { percent: r.percent, passed: lessonCompleted(r.percent, passMark) } : {}),
  };
}
