import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SchoolLevel, StudentRow } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Tx } from '../database/transaction.repository.js';

/** A students import: its staged rows, and the school and year they go into. */
export interface StudentImport {
  importId: string;
  provinceId: string;
  schoolId: string;
  schoolYear: string;
}

/** A new student as written: the row's values with the username and sealed one-time password chosen for it. */
export interface NewStudent extends StudentRow {
  username: string;
  passwordHash: string;
}

/**
 * The students import against the database: judging staged rows (pass two of the preview) and
 * writing them (classes, known students' changes and moves, new accounts with their enrolment).
 */
@Injectable()
export class StudentImportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findSchoolLevel(schoolId: string): Promise<SchoolLevel | null> {
    const rows = await this.db.query<{ level: SchoolLevel }[]>(`SELECT level FROM school WHERE id = $1`, [schoolId]);
    return rows[0]?.level ?? null;
  }

  // ── Judging ─────────────────────────────────────────────────────────────

  /** Rows naming a class of that name this year with another grade become errors. */
  async refuseClassGradeMismatches(t: StudentImport): Promise<void> {
    await this.db.query(
      `UPDATE import_row r SET action = 'error', value = NULL,
              errors = r.errors || jsonb_build_array(jsonb_build_object('column', 'Lớp', 'code', 'CLASS_GRADE_MISMATCH',
                'message', 'class ' || c.name || ' is in grade ' || c.grade || ' this year'))
         FROM school_class c
        WHERE r.import_id = $1 AND r.action = 'create' AND c.school_id = $3 AND c.school_year = $4
          AND c.name = r.value->>'className' AND c.grade <> (r.value->>'grade')::int AND $2::uuid IS NOT NULL`,
      params(t),
    );
  }

  /** Students the province knows by their code: of another school (an error), unchanged, or what changes. */
  async judgeKnownStudents(t: StudentImport): Promise<void> {
    await this.db.query(
      `WITH known AS (
         SELECT r.row_no, u.school_id, u.role,
                array_remove(ARRAY[
                  CASE WHEN u.full_name <> r.value->>'fullName' THEN 'fullName' END,
                  CASE WHEN r.value->>'birthDate' IS NOT NULL AND u.birth_date IS DISTINCT FROM (r.value->>'birthDate')::date THEN 'birthDate' END,
                  CASE WHEN r.value->>'gender' IS NOT NULL AND u.gender IS DISTINCT FROM r.value->>'gender' THEN 'gender' END,
                  CASE WHEN c.name IS DISTINCT FROM r.value->>'className' THEN 'className' END
                ], NULL) AS changes
           FROM import_row r
           JOIN app_user u ON u.province_id = $2 AND u.student_code = r.value->>'studentCode'
           LEFT JOIN enrollment e ON e.student_id = u.id AND e.school_year = $4
           LEFT JOIN school_class c ON c.id = e.class_id
          WHERE r.import_id = $1 AND r.action = 'create'
       )
       UPDATE import_row r SET
         action = CASE WHEN k.school_id IS DISTINCT FROM $3::uuid OR k.role <> 'student' THEN 'error' WHEN cardinality(k.changes) = 0 THEN 'unchanged' ELSE 'update' END,
         changes = CASE WHEN k.school_id = $3::uuid AND k.role = 'student' AND cardinality(k.changes) > 0 THEN k.changes END,
         errors = CASE WHEN k.school_id IS DISTINCT FROM $3::uuid OR k.role <> 'student'
                       THEN jsonb_build_array(jsonb_build_object('column', 'Mã định danh', 'code', 'ENROLLED_ELSEWHERE', 'message', 'belongs to a student of another school'))
                       ELSE r.errors END,
         value = CASE WHEN k.school_id IS DISTINCT FROM $3::uuid OR k.role <> 'student' THEN NULL ELSE r.value END
         FROM known k
        WHERE r.import_id = $1 AND r.row_no = k.row_no`,
      params(t),
    );
  }

  /** The classes the import would create: named by a row to write, absent from the school this year. */
  async classesToCreate(t: StudentImport): Promise<string[]> {
    const rows = await this.db.query<{ name: string }[]>(
      `SELECT DISTINCT r.value->>'className' AS name FROM import_row r
        WHERE r.import_id = $1 AND r.action IN ('create', 'update')
          AND NOT EXISTS (SELECT 1 FROM school_class c WHERE c.school_id = $2 AND c.school_year = $3 AND c.name = r.value->>'className')
        ORDER BY 1`,
      [t.importId, t.schoolId, t.schoolYear],
    );
    return rows.map((r) => r.name);
  }

  // ── Writing ─────────────────────────────────────────────────────────────

  async createClasses(tx: Tx, t: StudentImport): Promise<void> {
    await tx.query(
      `INSERT INTO school_class (school_id, name, grade, school_year)
       SELECT DISTINCT ON (r.value->>'className') $3::uuid, r.value->>'className', (r.value->>'grade')::smallint, $4
         FROM import_row r WHERE r.import_id = $1 AND r.action IN ('create', 'update') AND $2::uuid IS NOT NULL
       ON CONFLICT (school_id, school_year, name) DO NOTHING`,
      params(t),
    );
  }

  /** Known students take the name, birth date and gender of their row. */
  async updateKnownStudents(tx: Tx, t: StudentImport): Promise<void> {
    await tx.query(
      `UPDATE app_user u SET full_name = r.value->>'fullName',
              birth_date = COALESCE((r.value->>'birthDate')::date, u.birth_date), gender = COALESCE(r.value->>'gender', u.gender), updated_at = app_now()
         FROM import_row r
        WHERE r.import_id = $1 AND r.action = 'update' AND r.changes && ARRAY['fullName', 'birthDate', 'gender']
          AND u.province_id = $2 AND u.student_code = r.value->>'studentCode' AND $3::uuid IS NOT NULL AND $4::text IS NOT NULL`,
      params(t),
    );
  }

  /** Known students enrolled this year in another class move to their row's class; returns how many moved. */
  async moveKnownStudents(tx: Tx, t: StudentImport): Promise<number> {
    const [, moved] = await tx.query<[unknown[], number]>(
      `UPDATE enrollment e SET class_id = c.id
         FROM import_row r
         JOIN app_user u ON u.province_id = $2 AND u.student_code = r.value->>'studentCode'
         JOIN school_class c ON c.school_id = $3 AND c.school_year = $4 AND c.name = r.value->>'className'
        WHERE r.import_id = $1 AND r.action = 'update' AND 'className' = ANY(r.changes)
          AND e.student_id = u.id AND e.school_year = $4 AND e.class_id <> c.id`,
      params(t),
    );
    return moved;
  }

  /** Known students not enrolled this year join their row's class. */
  async enrolKnownStudents(tx: Tx, t: StudentImport): Promise<void> {
    await tx.query(
      `INSERT INTO enrollment (class_id, student_id, school_year)
       SELECT c.id, u.id, $4 FROM import_row r
         JOIN app_user u ON u.province_id = $2 AND u.student_code = r.value->>'studentCode'
         JOIN school_class c ON c.school_id = $3 AND c.school_year = $4 AND c.name = r.value->>'className'
        WHERE r.import_id = $1 AND r.action = 'update'
       ON CONFLICT DO NOTHING`,
      params(t),
    );
  }

  async countNewStudents(tx: Tx, importId: string): Promise<number> {
    const rows = await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM import_row WHERE import_id = $1 AND action = 'create'`, [importId]);
    return rows[0].n;
  }

  /** A page of the rows that make new students, in file order. */
  async newStudentsPage(tx: Tx, importId: string, offset: number, limit: number): Promise<StudentRow[]> {
    const rows = await tx.query<{ value: StudentRow }[]>(
      `SELECT value FROM import_row WHERE import_id = $1 AND action = 'create' ORDER BY row_no OFFSET $2 LIMIT $3`,
      [importId, offset, limit],
    );
    return rows.map((r) => r.value);
  }

  /** The usernames taken that are one of `bases` followed by a number or nothing. */
  async usernamesOnBases(tx: Tx, bases: string[]): Promise<string[]> {
    const rows = await tx.query<{ username: string }[]>(`SELECT username FROM app_user WHERE regexp_replace(username, '[0-9]+$', '') = ANY($1::text[])`, [
      bases,
    ]);
    return rows.map((r) => r.username);
  }

  /** New student accounts, each enrolled in its row's class. */
  async insertStudents(tx: Tx, t: StudentImport, students: NewStudent[]): Promise<void> {
    await tx.query(
      `WITH made AS (
         INSERT INTO app_user (province_id, school_id, role, username, full_name, password_hash, must_change_password, birth_date, gender, student_code)
         SELECT $1, $2, 'student', x.username, x.full_name, x.password_hash, true, x.birth_date, x.gender, x.code
           FROM unnest($3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[]) AS x (username, full_name, password_hash, birth_date, gender, code)
         RETURNING id, student_code
       )
       INSERT INTO enrollment (class_id, student_id, school_year)
       SELECT c.id, m.id, $9 FROM made m
         JOIN unnest($8::text[], $10::text[]) AS k (code, class_name) ON k.code = m.student_code
         JOIN school_class c ON c.school_id = $2 AND c.school_year = $9 AND c.name = k.class_name`,
      [
        t.provinceId,
        t.schoolId,
        students.map((s) => s.username),
        students.map((s) => s.fullName),
        students.map((s) => s.passwordHash),
        students.map((s) => s.birthDate),
        students.map((s) => s.gender),
        students.map((s) => s.studentCode),
        t.schoolYear,
        students.map((s) => s.className),
      ],
    );
  }
}

/** $1..$4 of the statements over a students import. */
const params = (t: StudentImport) => [t.importId, t.provinceId, t.schoolId, t.schoolYear];
