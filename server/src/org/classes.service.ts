import { Injectable } from '@nestjs/common';
import { type ClassListQuery, classListScope, type CreateClassBody, gradeFitsLevel, Permission, type UpdateClassBody } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { fieldError } from '../platform/zod.pipe.js';
import { CoverageRollupsRepository } from '../rollups/coverage-rollups.repository.js';
import { ClassesRepository } from './classes.repository.js';
import { SchoolsRepository } from './schools.repository.js';

@Injectable()
export class ClassesService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: ClassesRepository,
    private readonly schools: SchoolsRepository,
    private readonly audit: AuditService,
    private readonly rollups: CoverageRollupsRepository,
    private readonly tx: TransactionRepository,
  ) {}

  list(auth: AuthUser, query: ClassListQuery) {
    return this.repo.list(classListScope(auth), query);
  }

  async get(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.ClassRead, [id]);
    return this.found(id);
  }

  async create(auth: AuthUser, body: CreateClassBody) {
    const facts = await this.access.require(auth, Permission.SchoolRead, [body.schoolId]);
    this.access.requireFacts(auth, Permission.ClassManage, facts.get(body.schoolId)!);
    await this.checkFields(body.schoolId, body);
    const id = await this.tx.run(async (tx) => {
      const newId = await this.repo.insert(tx, body);
      await this.repo.setTeachers(tx, newId, body.teacherIds);
      await this.audit.record(tx, auth, { action: 'class.created', entity: 'class', entityId: newId, schoolId: body.schoolId, detail: body });
      return newId;
    });
    return this.found(id);
  }

  async update(auth: AuthUser, id: string, body: UpdateClassBody) {
    await this.access.require(auth, Permission.ClassManage, [id]);
    const current = await this.found(id);
    await this.checkFields(current.schoolId, { ...current, ...body }, id);
    await this.tx.run(async (tx) => {
      await this.repo.update(tx, id, body);
      if (body.teacherIds) await this.repo.setTeachers(tx, id, body.teacherIds);
      // A new grade or year moves the class's work to another level or year of the roll-ups.
      if ((body.grade !== undefined && body.grade !== current.grade) || (body.schoolYear && body.schoolYear !== current.schoolYear)) {
        await this.rollups.rebuildSchool(tx, current.schoolId, current.schoolYear);
        if (body.schoolYear) await this.rollups.rebuildSchool(tx, current.schoolId, body.schoolYear);
      }
      await this.audit.record(tx, auth, { action: 'class.updated', entity: 'class', entityId: id, schoolId: current.schoolId, detail: body });
    });
    return this.found(id);
  }

  async remove(auth: AuthUser, id: string): Promise<void> {
    await this.access.require(auth, Permission.ClassManage, [id]);
    const current = await this.found(id);
    if (await this.repo.hasStudents(id)) throw new AppError(ErrorCode.ClassNotEmpty, 'Move its students to another class first');
    await this.tx.run(async (tx) => {
      await this.repo.delete(tx, id);
      await this.audit.record(tx, auth, { action: 'class.deleted', entity: 'class', entityId: id, schoolId: current.schoolId, detail: { name: current.name } });
    });
  }

  async students(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.ClassStudentsRead, [id]);
    return this.repo.students(id);
  }

  async enroll(auth: AuthUser, id: string, studentIds: string[]) {
    await this.access.require(auth, Permission.ClassEnroll, [id]);
    const cls = await this.found(id);
    const ids = [...new Set(studentIds)];
    const strangers = await this.repo.notStudentsOf(cls.schoolId, ids);
    if (strangers.length > 0) {
      throw new AppError(
        ErrorCode.InvalidReference,
        `${strangers.length} id(s) are not active students of this school`,
        strangers.map(() => fieldError('studentIds', 'class.notStudents')),
      );
    }
    const elsewhere = await this.repo.enrolledElsewhere(id, cls.schoolYear, ids);
    if (elsewhere.length > 0) {
      throw new AppError(ErrorCode.Conflict, `Already in another class this year: ${elsewhere.map((e) => `${e.username} (${e.className})`).join(', ')}`);
    }
    await this.tx.run(async (tx) => {
      await this.repo.enroll(tx, id, cls.schoolYear, ids);
      // A student coming back brings the work already done on this class's assignments.
      await this.rollups.rebuildSchool(tx, cls.schoolId, cls.schoolYear);
      await this.audit.record(tx, auth, { action: 'class.enrolled', entity: 'class', entityId: id, schoolId: cls.schoolId, detail: { studentIds: ids } });
    });
    return this.repo.students(id);
  }

  async unenroll(auth: AuthUser, id: string, studentId: string): Promise<void> {
    await this.access.require(auth, Permission.ClassEnroll, [id]);
    const cls = await this.found(id);
    await this.tx.run(async (tx) => {
      if (!(await this.repo.unenroll(tx, id, studentId))) throw notFound('student in this class');
      await this.rollups.rebuildSchool(tx, cls.schoolId, cls.schoolYear);
      await this.audit.record(tx, auth, { action: 'class.unenrolled', entity: 'class', entityId: id, schoolId: cls.schoolId, detail: { studentId } });
    });
  }

  private async checkFields(schoolId: string, body: { name?: string; grade?: number; schoolYear?: string; teacherIds?: string[] }, exceptId?: string) {
    const school = await this.schools.findById(schoolId);
    if (!school) throw notFound('school');
    if (body.grade !== undefined && !gradeFitsLevel(body.grade, school.level)) {
      throw new AppError(ErrorCode.GradeNotInLevel, `Grade ${body.grade} is not taught at a ${school.level} school`, [
        fieldError('grade', 'class.gradeNotInLevel', { level: school.level }),
      ]);
    }
    if (body.name && body.schoolYear && (await this.repo.nameTaken(schoolId, body.schoolYear, body.name, exceptId))) {
      throw new AppError(ErrorCode.Conflict, `Class ${body.name} exists for ${body.schoolYear}`, [fieldError('name', 'taken.className')]);
    }
    const strangers = await this.repo.notTeachersOf(schoolId, body.teacherIds ?? []);
    if (strangers.length > 0) {
      throw new AppError(ErrorCode.InvalidReference, 'Every teacher must teach at this school', [
        fieldError('teacherIds', 'class.notTeachers', { count: strangers.length }),
      ]);
    }
  }

  private async found(id: string) {
    const cls = await this.repo.findById(id);
    if (!cls) throw notFound('class');
    return cls;
  }
}
