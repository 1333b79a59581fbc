import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClassDto, ClassListQuery, ListScope, UserDto } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Tx } from '../database/transaction.repository.js';
import { CLASS_COLUMNS, USER_COLUMNS } from './org.mappers.js';

@Injectable()
export class ClassesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(scope: ListScope, query: ClassListQuery): Promise<ClassDto[]> {
    if (scope.kind === 'none') return [];
    const params: unknown[] = [scope.provinceId];
    const where = ['s.province_id = $1'];
    if (scope.kind !== 'province') where.push(`c.school_id = $${params.push(scope.schoolId)}`);
    if (scope.kind === 'teacher')
      where.push(`EXISTS (SELECT 1 FROM class_teacher t WHERE t.class_id = c.id AND t.teacher_id = $${params.push(scope.teacherId)})`);
    if (scope.kind === 'student') where.push(`EXISTS (SELECT 1 FROM enrollment e WHERE e.class_id = c.id AND e.student_id = $${params.push(scope.studentId)})`);
    if (query.schoolId) where.push(`c.school_id = $${params.push(query.schoolId)}`);
    if (query.schoolYear) where.push(`c.school_year = $${params.push(query.schoolYear)}`);
    return this.db.query<ClassDto[]>(
      `SELECT ${CLASS_COLUMNS} FROM school_class c JOIN school s ON s.id = c.school_id
        WHERE ${where.join(' AND ')} ORDER BY c.school_year DESC, c.grade, c.name COLLATE vi_vn, c.id LIMIT 5000`,
      params,
    );
  }

  async findById(id: string): Promise<ClassDto | null> {
    const rows = await this.db.query<ClassDto[]>(`SELECT ${CLASS_COLUMNS} FROM school_class c WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async nameTaken(schoolId: string, schoolYear: string, name: string, exceptId?: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM school_class WHERE school_id = $1 AND school_year = $2 AND lower(name) = lower($3)
          AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [schoolId, schoolYear, name, exceptId ?? null],
    );
    return rows.length > 0;
  }

  /** Of the given ids, those that are not active teachers of the school. */
  async notTeachersOf(schoolId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string }[]>(
      `SELECT id FROM app_user WHERE id = ANY($1) AND school_id = $2 AND role IN ('teacher', 'school_admin') AND active`,
      [ids, schoolId],
    );
    const ok = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !ok.has(id));
  }

  /** Of the given ids, those that are not active students of the school. */
  async notStudentsOf(schoolId: string, ids: string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }[]>(`SELECT id FROM app_user WHERE id = ANY($1) AND school_id = $2 AND role = 'student' AND active`, [
      ids,
      schoolId,
    ]);
    const ok = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !ok.has(id));
  }

  /** Students among `ids` already in another class of the same school year, with that class's name. */
  async enrolledElsewhere(classId: string, schoolYear: string, ids: string[]): Promise<{ username: string; className: string }[]> {
    return this.db.query<{ username: string; className: string }[]>(
      `SELECT u.username, c.name AS "className" FROM enrollment e
         JOIN app_user u ON u.id = e.student_id JOIN school_class c ON c.id = e.class_id
        WHERE e.student_id = ANY($1) AND e.school_year = $2 AND e.class_id <> $3`,
      [ids, schoolYear, classId],
    );
  }

  async insert(tx: Tx, body: { schoolId: string; name: string; grade: number; schoolYear: string }): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(`INSERT INTO school_class (school_id, name, grade, school_year) VALUES ($1, $2, $3, $4) RETURNING id`, [
      body.schoolId,
      body.name,
      body.grade,
      body.schoolYear,
    ]);
    return rows[0].id;
  }

  async update(tx: Tx, id: string, body: { name?: string; grade?: number; schoolYear?: string }): Promise<void> {
    await tx.query(
      `UPDATE school_class SET name = COALESCE($2, name), grade = COALESCE($3, grade),
              school_year = COALESCE($4, school_year), updated_at = app_now() WHERE id = $1`,
      [id, body.name ?? null, body.grade ?? null, body.schoolYear ?? null],
    );
    if (body.schoolYear) await tx.query(`UPDATE enrollment SET school_year = $2 WHERE class_id = $1`, [id, body.schoolYear]);
  }

  async setTeachers(tx: Tx, id: string, teacherIds: string[]): Promise<void> {
    await tx.query(`DELETE FROM class_teacher WHERE class_id = $1 AND NOT (teacher_id = ANY($2))`, [id, teacherIds]);
    await tx.query(`INSERT INTO class_teacher (class_id, teacher_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [id, teacherIds]);
  }

  async hasStudents(id: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM enrollment WHERE class_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.query(`DELETE FROM school_class WHERE id = $1`, [id]);
  }

  async students(classId: string): Promise<UserDto[]> {
    return this.db.query<UserDto[]>(
      `SELECT ${USER_COLUMNS} FROM enrollment e JOIN app_user u ON u.id = e.student_id
        WHERE e.class_id = $1 ORDER BY split_part(u.full_name, ' ', -1) COLLATE vi_vn, u.full_name COLLATE vi_vn, u.username`,
      [classId],
    );
  }

  async enroll(tx: Tx, classId: string, schoolYear: string, studentIds: string[]): Promise<void> {
    await tx.query(
      `INSERT INTO enrollment (class_id, student_id, school_year) SELECT $1, unnest($2::uuid[]), $3
       ON CONFLICT (class_id, student_id) DO NOTHING`,
      [classId, studentIds, schoolYear],
    );
  }

  async unenroll(tx: Tx, classId: string, studentId: string): Promise<boolean> {
    const [, count] = await tx.query<[unknown[], number]>(`DELETE FROM enrollment WHERE class_id = $1 AND student_id = $2`, [classId, studentId]);
    return count > 0;
  }
}
