import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GRADES_BY_LEVEL,
  nextClassName,
  type RolloverBody,
  type RolloverClassDto,
  type RolloverPreviewDto,
  type RolloverQuery,
  type SchoolLevel,
} from '@tinhtao/shared';
import type { DataSource, EntityManager } from 'typeorm';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError, ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { schoolTarget } from './school-target.js';

interface ClassRow {
  id: string;
  schoolId: string;
  schoolName: string;
  schoolLevel: SchoolLevel;
  name: string;
  grade: number;
  students: number;
}

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
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async preview(auth: AuthUser, query: RolloverQuery, tx: EntityManager | DataSource = this.db): Promise<RolloverPreviewDto> {
    const schoolId = await this.scope(auth, query.schoolId);
    const toYear = nextYear(query.fromYear);
    const classes: ClassRow[] = await tx.query(
      `SELECT c.id, c.school_id AS "schoolId", s.name AS "schoolName", s.level AS "schoolLevel", c.name, c.grade, c.student_count AS students
         FROM school_class c JOIN school s ON s.id = c.school_id
        WHERE s.province_id = $1 AND c.school_year = $2 AND ($3::uuid IS NULL OR s.id = $3)
        ORDER BY s.name COLLATE vi_vn, c.grade, c.name COLLATE vi_vn`,
      [auth.provinceId, query.fromYear, schoolId],
    );
    const existing: { schoolId: string; name: string }[] = await tx.query(
      `SELECT c.school_id AS "schoolId", c.name FROM school_class c JOIN school s ON s.id = c.school_id
        WHERE s.province_id = $1 AND c.school_year = $2 AND ($3::uuid IS NULL OR s.id = $3)`,
      [auth.provinceId, toYear, schoolId],
    );
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
    return this.db.transaction(async (tx) => {
      const plan = await this.preview(auth, body, tx);
      const moving = plan.classes.filter((c) => c.to);
      await tx.query(
        `INSERT INTO school_class (school_id, name, grade, school_year)
         SELECT x.school_id, x.name, x.grade, $4 FROM unnest($1::uuid[], $2::text[], $3::int[]) AS x (school_id, name, grade)
         ON CONFLICT (school_id, school_year, name) DO NOTHING`,
        [moving.map((c) => c.schoolId), moving.map((c) => c.to!.name), moving.map((c) => c.to!.grade), plan.toYear],
      );
      const pairs = `unnest($1::uuid[], $2::uuid[], $3::text[]) AS x (from_id, school_id, to_name)
                     JOIN school_class n ON n.school_id = x.school_id AND n.school_year = $4 AND n.name = x.to_name`;
      const args = [moving.map((c) => c.id), moving.map((c) => c.schoolId), moving.map((c) => c.to!.name), plan.toYear];
      await tx.query(
        `INSERT INTO class_teacher (class_id, teacher_id) SELECT n.id, t.teacher_id FROM ${pairs} JOIN class_teacher t ON t.class_id = x.from_id ON CONFLICT DO NOTHING`,
        args,
      );
      const enrolled: unknown[] = await tx.query(
        `INSERT INTO enrollment (class_id, student_id, school_year)
         SELECT n.id, e.student_id, $4 FROM ${pairs} JOIN enrollment e ON e.class_id = x.from_id
           JOIN app_user u ON u.id = e.student_id AND u.active
         ON CONFLICT DO NOTHING RETURNING student_id`,
        args,
      );
      const result = { fromYear: plan.fromYear, toYear: plan.toYear, counts: { ...plan.counts, enrolled: enrolled.length } };
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
    if (auth.role === 'dept_admin' && !schoolId) return null;
    const id = schoolId ?? auth.schoolId;
    if (!id) throw new AppError(ErrorCode.Forbidden, 'A new school year is started by the school or the Department');
    await schoolTarget(this.access, auth, id);
    return id;
  }
}

const nextYear = (year: string) => `${Number(year.slice(0, 4)) + 1}-${Number(year.slice(5)) + 1}`;
