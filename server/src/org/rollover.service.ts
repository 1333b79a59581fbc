import { Injectable } from '@nestjs/common';
import {
  allows,
  GRADES_BY_LEVEL,
  nextClassName,
  Permission,
  type RolloverBody,
  type RolloverClassDto,
  type RolloverPreviewDto,
  type RolloverQuery,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { type Queryable, TransactionRepository } from '../database/transaction.repository.js';
import { AppError, ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { type ClassMove, RolloverRepository } from './rollover.repository.js';

/**
 * A new school year: each class moves up a grade with its students and teachers, into a class
 * of the new year; the last grade a school teaches leaves. Nothing of the year that ends is
 * changed, so its records stay readable. Running it again changes nothing.
 */
@Injectable()
export class RolloverService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly repo: RolloverRepository,
    private readonly tx: TransactionRepository,
  ) {}

  /** `db`: the transaction of `apply`, so that the plan it writes is the plan it read. */
  async preview(auth: AuthUser, query: RolloverQuery, db?: Queryable): Promise<RolloverPreviewDto> {
    const schoolId = await this.scope(auth, query.schoolId);
    const toYear = nextYear(query.fromYear);
    const classes = await this.repo.classesOfYear(auth.provinceId, query.fromYear, schoolId, db);
    const existing = await this.repo.classNamesOfYear(auth.provinceId, toYear, schoolId, db);
    const there = new Set(existing.map((e) => `${e.schoolId}:${e.name}`));
    const dtos: RolloverClassDto[] = classes.map((c) => {
      const grade = c.grade + 1;
      const stays = GRADES_BY_LEVEL[c.schoolLevel].includes(grade);
      const name = nextClassName(c.name, c.grade);
      return {
        id: c.id,
        schoolId: c.schoolId,
        schoolName: c.schoolName,
        name: c.name,
        grade: c.grade,
        students: c.students,
        to: stays ? { name, grade, exists: there.has(`${c.schoolId}:${name}`) } : null,
      };
    });
    const moving = dtos.filter((d) => d.to);
    return {
      fromYear: query.fromYear,
      toYear,
      classes: dtos,
      counts: {
        classes: dtos.length,
        moving: moving.reduce((n, d) => n + d.students, 0),
        leaving: dtos.filter((d) => !d.to).reduce((n, d) => n + d.students, 0),
        alreadyThere: moving.filter((d) => d.to!.exists).length,
      },
    };
  }

  /** Makes next year's classes (with this year's teachers) and enrols the students not yet enrolled there. */
  async apply(auth: AuthUser, body: RolloverBody) {
    return this.tx.run(async (tx) => {
      const plan = await this.preview(auth, body, tx);
      const moves: ClassMove[] = plan.classes.flatMap((c) => (c.to ? [{ fromId: c.id, schoolId: c.schoolId, toName: c.to.name, toGrade: c.to.grade }] : []));
      await this.repo.createClasses(tx, plan.toYear, moves);
      await this.repo.copyTeachers(tx, plan.toYear, moves);
      const enrolled = await this.repo.enrolActiveStudents(tx, plan.toYear, moves);
      const result = { fromYear: plan.fromYear, toYear: plan.toYear, counts: { ...plan.counts, enrolled } };
      await this.audit.record(tx, auth, {
        action: 'school_year.rolled_over',
        entity: 'school_year',
        entityId: plan.toYear,
        schoolId: body.schoolId ?? auth.schoolId,
        detail: result,
      });
      return result;
    });
  }

  /** A school admin rolls own school; a dept admin one school of the province or all of them. */
  private async scope(auth: AuthUser, schoolId: string | undefined): Promise<string | null> {
    if (!schoolId && allows(auth, Permission.ProvinceRollover, { provinceId: auth.provinceId, schoolId: null })) return null;
    const id = schoolId ?? auth.schoolId;
    if (!id) throw new AppError(ErrorCode.Forbidden, 'A new school year is started by the school or the Department');
    await this.access.requireOwnSchool(auth, Permission.SchoolImport, id);
    return id;
  }
}

const nextYear = (year: string) => `${Number(year.slice(0, 4)) + 1}-${Number(year.slice(5)) + 1}`;
