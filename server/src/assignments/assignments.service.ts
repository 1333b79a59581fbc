import { Injectable } from '@nestjs/common';
import {
  type AssignmentListQuery,
  type AssignmentPlanQuery,
  classListScope,
  type CreateAssignmentBody,
  GRADES_BY_LEVEL,
  Permission,
  readableLevels,
  schoolYearOf,
  type UpdateAssignmentBody,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { LessonsRepository } from '../lessons/lessons.repository.js';
import { AppError, ErrorCode, found } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { fieldError } from '../platform/zod.pipe.js';
import { CoverageRollupsRepository } from '../rollups/coverage-rollups.repository.js';
import { AssignmentsRepository } from './assignments.repository.js';

/** Teachers (and school admins) give published lessons to classes with a window. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: AssignmentsRepository,
    private readonly lessons: LessonsRepository,
    private readonly audit: AuditService,
    private readonly rollups: CoverageRollupsRepository,
    private readonly clock: Clock,
    private readonly tx: TransactionRepository,
  ) {}

  /** 403 for any class the caller may not teach, whether it exists or not (DESIGN §4). */
  async create(auth: AuthUser, body: CreateAssignmentBody) {
    await this.access.requireEach(auth, Permission.ClassAssign, body.classIds);
    await this.access.require(auth, Permission.ContentRead, [body.lessonId], 'lesson');
    const lesson = found(await this.lessons.findById(body.lessonId));
    if (!lesson.lockedAt) throw new AppError(ErrorCode.LessonDoesNotFit, 'Only lessons of a published curriculum can be assigned');
    const classes = await this.repo.classesInfo(body.classIds);
    const misfits = classes.filter((c) => !GRADES_BY_LEVEL[lesson.level].includes(c.grade));
    if (misfits.length > 0) {
      const message = `a ${lesson.level} lesson does not fit grade ${misfits[0].grade}`;
      throw new AppError(
        ErrorCode.LessonDoesNotFit,
        message,
        misfits.map((c) => ({ field: `classIds.${body.classIds.indexOf(c.id)}`, message })),
      );
    }
    const schoolId = classes[0].schoolId;
    const id = await this.tx.run(async (tx) => {
      const newId = await this.repo.insert(tx, { schoolId, lessonId: body.lessonId, opensAt: body.opensAt, dueAt: body.dueAt, createdBy: auth.userId });
      await this.repo.setClasses(tx, newId, [...new Set(body.classIds)]);
      await this.rollups.assigned(tx, body.lessonId, [...new Set(body.classIds)]);
      await this.audit.record(tx, auth, { action: 'assignment.created', entity: 'assignment', entityId: newId, schoolId, detail: body });
      return newId;
    });
    return this.repo.findDto(id);
  }

  /** Staff see the assignments of the classes in their scope; a student sees own, with the attempt's state. */
  list(auth: AuthUser, query: AssignmentListQuery) {
    const scope = classListScope(auth);
    if (scope.kind === 'student') return this.repo.forStudent(scope.studentId);
    return this.repo.list(scope, query);
  }

  async get(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.AssignmentRead, [id]);
    return this.repo.findDto(id);
  }

  /** Moves the window (extends the due date) or closes the assignment to late work. */
  async update(auth: AuthUser, id: string, body: UpdateAssignmentBody) {
    await this.access.require(auth, Permission.AssignmentManage, [id]);
    const current = found(await this.repo.findById(id));
    const opensAt = body.opensAt ? new Date(body.opensAt) : current.opensAt;
    const dueAt = body.dueAt ? new Date(body.dueAt) : current.dueAt;
    if (dueAt <= opensAt) throw new AppError(ErrorCode.ValidationFailed, 'dueAt: must be after the opening', [fieldError('dueAt', 'when.afterOpening')]);
    await this.tx.run(async (tx) => {
      await this.repo.update(tx, id, body);
      await this.audit.record(tx, auth, { action: 'assignment.updated', entity: 'assignment', entityId: id, schoolId: current.schoolId, detail: body });
    });
    return this.repo.findDto(id);
  }

  /** The published lessons of the year against the caller's classes: which still lack each lesson. */
  plan(auth: AuthUser, query: AssignmentPlanQuery) {
    return this.repo.plan(classListScope(auth), readableLevels(auth), query.schoolYear ?? schoolYearOf(this.clock.now()), query.classId);
  }
}
