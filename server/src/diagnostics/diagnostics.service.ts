import { Injectable } from '@nestjs/common';
import {
  addSums,
  allows,
  type CreateDiagnosticBody,
  type DiagnosticDetailDto,
  type DiagnosticGroupDto,
  type DiagnosticResultsDto,
  type DiagnosticResultsQuery,
  type DiagnosticSums,
  discernment,
  emptySums,
  formForPhase,
  itemStatistics,
  MIN_GROUP_SIZE,
  type MyDiagnosticDto,
  type OpenRoundBody,
  Permission,
  rankTechniques,
  readableLevels,
  schoolFilterOf,
  type ScopeFacts,
  showable,
  summarize,
  visibleSummary,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { LessonsRepository } from '../lessons/lessons.repository.js';
import { AppError, ErrorCode, found } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { fieldError } from '../platform/zod.pipe.js';
import { insertDiagnostic, insertRound } from './diagnostic-writes.js';
import { type DiagnosticRow, DiagnosticsRepository, type GroupSums } from './diagnostics.repository.js';

/** Kinds a diagnostic can ask: graded at once, so that the pre and post figures exist on submit. */
const AUTO_GRADED = new Set(['single_choice', 'multi_choice', 'true_false', 'ordering', 'claim_check', 'red_flags']);

const toGroup = (g: GroupSums): DiagnosticGroupDto => ({ id: g.id, name: g.name, students: Math.max(g.preN, g.postN), summary: visibleSummary(g) });

/** Pre/post diagnostics: the Department builds them, teachers or the Department open them, everyone in scope reads the results. */
@Injectable()
export class DiagnosticsService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: DiagnosticsRepository,
    private readonly lessons: LessonsRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRepository,
  ) {}

  async create(auth: AuthUser, body: CreateDiagnosticBody): Promise<DiagnosticDetailDto> {
    this.access.requireFacts(auth, Permission.ContentManage, { provinceId: auth.provinceId, schoolId: null });
    const all = [...body.forms.A, ...body.forms.B];
    await this.access.require(
      auth,
      Permission.ContentRead,
      all.map((i) => i.itemId),
      'item',
    );
    const kinds = await this.repo.itemKeys(all.map((i) => i.itemId));
    const errors = (['A', 'B'] as const).flatMap((form) =>
      body.forms[form].flatMap((i, n) => {
        const item = kinds.get(i.itemId)!;
        const field = `forms.${form}.${n}`;
        if (!AUTO_GRADED.has(item.kind)) return [fieldError(field, 'diagnostic.autoGradedOnly')];
        if (item.kind === 'claim_check' && (item.answer.verdict === 'true') !== i.genuine)
          return [fieldError(`${field}.genuine`, 'diagnostic.verdictGenuine', { verdict: String(item.answer.verdict) })];
        return [];
      }),
    );
    if (errors.length > 0) throw new AppError(ErrorCode.ValidationFailed, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    const id = await this.tx.run(async (tx) => {
      const created = await insertDiagnostic(tx, { lessons: this.lessons, diagnostics: this.repo }, auth.provinceId, body, auth.userId);
      await this.audit.record(tx, auth, {
        action: 'diagnostic.created',
        entity: 'diagnostic',
        entityId: created,
        detail: { title: body.title, level: body.level },
      });
      return created;
    });
    return this.get(auth, id);
  }

  list(auth: AuthUser) {
    this.requireStaff(auth);
    return this.repo.list(auth.provinceId, readableLevels(auth), schoolFilterOf(auth));
  }

  async get(auth: AuthUser, id: string): Promise<DiagnosticDetailDto> {
    this.requireStaff(auth);
    await this.access.require(auth, Permission.DiagnosticRead, [id]);
    const [summary] = await this.repo.list(auth.provinceId, readableLevels(auth), schoolFilterOf(auth), id);
    return { ...summary, items: await this.repo.items(id) };
  }

  /**
   * Opens the pre- or post-test for classes: a teacher's or school admin's own, or (dept admin)
   * the ones named or every class of the level in the province. Students are dealt form A or B
   * when the pre-test opens and take the other one after.
   */
  async openRound(auth: AuthUser, id: string, body: OpenRoundBody) {
    this.requireStaff(auth);
    await this.access.require(auth, Permission.DiagnosticRead, [id]);
    const d = found(await this.repo.findById(id));
    // Only the Department opens a round for the whole province; anyone else names the classes.
    if (!body.classIds && !allows(auth, Permission.DiagnosticOpen, { provinceId: d.provinceId, schoolId: null }))
      throw new AppError(ErrorCode.ValidationFailed, 'classIds: name your classes', [fieldError('classIds', 'diagnostic.classesNeeded')]);
    if (body.classIds) await this.access.requireEach(auth, Permission.DiagnosticOpen, body.classIds);
    const classes = await this.repo.classesFor(d, body.classIds ?? null);
    if (body.classIds && classes.length !== new Set(body.classIds).size)
      throw new AppError(ErrorCode.LessonDoesNotFit, `The diagnostic is for ${d.level} classes of ${d.schoolYear}`);
    if (classes.length === 0)
      throw new AppError(ErrorCode.ValidationFailed, 'classIds: no class of the level this year', [fieldError('classIds', 'diagnostic.noClass')]);
    const classIds = classes.map((c) => c.id);
    const already = await this.repo.classesWithRound(id, body.phase, classIds);
    if (already.length > 0) throw new AppError(ErrorCode.Conflict, `The ${body.phase}-test is already open for ${already.length} of these classes`);
    if (body.phase === 'post') {
      const withPre = new Set(await this.repo.classesWithRound(id, 'pre', classIds));
      const missing = classIds.filter((c) => !withPre.has(c));
      if (missing.length > 0) throw new AppError(ErrorCode.Conflict, `Open the pre-test first: ${missing.length} of these classes have none`);
    }
    const schools = await this.tx.run(async (tx) => {
      const count = await insertRound(tx, this.repo, d, classes, { phase: body.phase, opensAt: body.opensAt, dueAt: body.dueAt, createdBy: auth.userId });
      await this.audit.record(tx, auth, {
        action: `diagnostic.opened_${body.phase}`,
        entity: 'diagnostic',
        entityId: id,
        schoolId: auth.schoolId,
        detail: { classes: classIds.length, schools: count, opensAt: body.opensAt, dueAt: body.dueAt },
      });
      return count;
    });
    return { diagnosticId: id, phase: body.phase, classes: classIds.length, schools };
  }

  /**
   * The results at the caller's scope, from the roll-ups: the province by area and school (dept
   * admin), a school by class, or one class with its students. Above the class, groups under
   * MIN_GROUP_SIZE students show no figures.
   */
  async results(auth: AuthUser, id: string, query: DiagnosticResultsQuery): Promise<DiagnosticResultsDto> {
    this.requireStaff(auth);
    await this.access.require(auth, Permission.DiagnosticRead, [id]);
    const d = found(await this.repo.findById(id));
    const [diagnostic] = await this.repo.list(d.provinceId, [d.level], schoolFilterOf(auth), id);
    if (query.classId) return this.classResults(auth, d, diagnostic, query.classId);
    // Without a scope each caller reads their own: a school admin the school, a dept admin the province, anyone else (a teacher) their classes.
    const ownSchool = schoolFilterOf(auth);
    const readsSchools = allows(auth, Permission.DiagnosticResultsRead, { provinceId: auth.provinceId, schoolId: ownSchool });
    if (!query.schoolId && !readsSchools) return this.teacherResults(auth, d, diagnostic);
    const schoolId = query.schoolId ?? ownSchool;
    if (schoolId) {
      if (!readsSchools) throw new AppError(ErrorCode.Forbidden, 'A teacher reads the results of own classes (classId)');
      await this.access.require(auth, Permission.DiagnosticResultsRead, [schoolId]);
    } else if (!allows(auth, Permission.DiagnosticResultsRead, { provinceId: d.provinceId, schoolId: null })) throw new AppError(ErrorCode.Forbidden);
    const [schools, classes] = await Promise.all([this.repo.schoolSums(id, schoolId), schoolId ? this.repo.classSums(id, schoolId) : Promise.resolve([])]);
    const total = schools.reduce<DiagnosticSums>((sum, s) => addSums(sum, s), emptySums());
    // The areas from the schools' sums: adding up every class a second time would double the work.
    const areas = new Map<string, GroupSums>();
    if (!schoolId)
      for (const s of schools) {
        const key = s.areaId ?? '';
        const area = areas.get(key) ?? { ...emptySums(), id: key, name: s.areaName ?? '' };
        areas.set(key, { ...addSums(area, s), id: area.id, name: area.name });
      }
    const name = schoolId ? (schools[0]?.name ?? (await this.repo.schoolName(schoolId))) : await this.repo.provinceName(d.provinceId);
    const enough = showable(Math.max(total.preN, total.postN));
    return {
      diagnostic,
      scope: { type: schoolId ? 'school' : 'province', id: schoolId ?? d.provinceId, name },
      minGroupSize: MIN_GROUP_SIZE,
      total: toGroup({ ...total, id: schoolId ?? d.provinceId, name }),
      areas: [...areas.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map(toGroup),
      schools: schools.map(toGroup),
      classes: classes.map(toGroup),
      techniques: enough ? rankTechniques(await this.repo.tagTallies(id, schoolId)) : [],
      items: enough ? await this.itemResults(id, schoolId) : [],
    };
  }

  /** The province-wide results of every diagnostic of a school year, for the annual report. */
  async yearResults(auth: AuthUser, schoolYear: string): Promise<DiagnosticResultsDto[]> {
    const ofYear = (await this.list(auth)).filter((d) => d.schoolYear === schoolYear);
    return Promise.all(ofYear.map((d) => this.results(auth, d.id, {})));
  }

  /**
   * A teacher's own classes of the diagnostic's level and year: the class itself when there is
   * one, else each class with its figures (its teachers see every student, so nothing is held back).
   */
  private async teacherResults(auth: AuthUser, d: DiagnosticRow, diagnostic: DiagnosticResultsDto['diagnostic']): Promise<DiagnosticResultsDto> {
    const classIds = await this.repo.taughtClasses(d, auth.userId);
    if (classIds.length === 1) return this.classResults(auth, d, diagnostic, classIds[0]);
    if (classIds.length > 0) await this.access.require(auth, Permission.DiagnosticClassResultsRead, classIds);
    const classes = await this.repo.classSumsOf(d.id, classIds);
    const total = classes.reduce<DiagnosticSums>((sum, c) => addSums(sum, c), emptySums());
    const name = await this.repo.schoolName(auth.schoolId!);
    const whole = (g: GroupSums): DiagnosticGroupDto => ({ id: g.id, name: g.name, students: Math.max(g.preN, g.postN), summary: summarize(g) });
    return {
      diagnostic,
      scope: { type: 'teacher', id: auth.userId, name },
      minGroupSize: MIN_GROUP_SIZE,
      total: whole({ ...total, id: auth.userId, name }),
      areas: [],
      schools: [],
      classes: classes.map(whole),
      techniques: classIds.length > 0 ? rankTechniques(await this.repo.classTagTallies(d.id, classIds)) : [],
      // As in a class: item statistics are the school's.
      items: [],
    };
  }

  private async classResults(auth: AuthUser, d: DiagnosticRow, diagnostic: DiagnosticResultsDto['diagnostic'], classId: string): Promise<DiagnosticResultsDto> {
    const facts = (await this.access.require(auth, Permission.DiagnosticClassResultsRead, [classId])).get(classId)!;
    const [sums] = await this.repo.classSums(d.id, facts.schoolId!, classId);
    const cls = { name: await this.repo.className(classId) };
    const students = await this.repo.classStudents(d.id, classId);
    const all = sums ?? { ...emptySums(), id: classId, name: cls.name };
    return {
      diagnostic,
      scope: { type: 'class', id: classId, name: cls.name },
      minGroupSize: MIN_GROUP_SIZE,
      // Inside the class its teachers see every student, so the class's own figures are not held back.
      total: { id: classId, name: cls.name, students: Math.max(all.preN, all.postN), summary: summarize(all) },
      areas: [],
      schools: [],
      classes: [],
      techniques: rankTechniques(await this.repo.classTagTallies(d.id, [classId])),
      // Item statistics are the school's: taken away from a class's own answers they could tell a few students' results.
      items: [],
      students: students.map((s) => ({
        id: s.id,
        fullName: s.fullName,
        preForm: s.preForm,
        pre: s.pre?.percent ?? null,
        post: s.post?.percent ?? null,
        gain: s.pre && s.post ? s.post.percent - s.pre.percent : null,
      })),
    };
  }

  private async itemResults(id: string, schoolId: string | null): Promise<DiagnosticResultsDto['items']> {
    const sums = await this.repo.itemSums(id, schoolId);
    const stat = (itemId: string, phase: 'pre' | 'post') => {
      const s = sums.find((x) => x.itemId === itemId && x.phase === phase);
      return s ? itemStatistics(s) : { n: 0, difficulty: null, discrimination: null, flags: [] };
    };
    return (await this.repo.items(id)).map((item) => ({ ...item, pre: stat(item.itemId, 'pre'), post: stat(item.itemId, 'post') }));
  }

  async mine(auth: AuthUser): Promise<MyDiagnosticDto[]> {
    if (!allows(auth, Permission.DiagnosticTake, { provinceId: auth.provinceId, schoolId: auth.schoolId, userId: auth.userId }))
      throw new AppError(ErrorCode.Forbidden);
    const rows = await this.repo.mine(auth.userId);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      pre: r.pre ? { form: r.preForm, percent: r.pre.percent, discernment: discernment(r.pre) } : null,
      post: r.post ? { form: formForPhase(r.preForm, 'post'), percent: r.post.percent, discernment: discernment(r.post) } : null,
    }));
  }

  /**
   * Students never read diagnostics (only their own outcomes, `mine`): refused before any id is
   * looked up, so a student learns nothing of which diagnostics exist.
   */
  private requireStaff(auth: AuthUser): void {
    const ofOwnLevels: ScopeFacts = { provinceId: auth.provinceId, schoolId: null, publishedLevels: readableLevels(auth) };
    if (!allows(auth, Permission.DiagnosticRead, ofOwnLevels)) throw new AppError(ErrorCode.Forbidden);
  }
}
