import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SchoolLevel } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';

/** A class of the year that ends, with what decides where it goes. */
export interface RolloverClassRow {
  id: string;
  schoolId: string;
  schoolName: string;
  schoolLevel: SchoolLevel;
  name: string;
  grade: number;
  students: number;
}

/** A class that moves up: from this year's class to the class of that name in its school next year. */
export interface ClassMove {
  fromId: string;
  schoolId: string;
  toName: string;
  toGrade: number;
}

/** The classes of a school year and the copying of classes, teachers and students into the next. */
@Injectable()
export class RolloverRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The classes of a year in the province (or one school of it), by school, grade and name. */
  classesOfYear(provinceId: string, schoolYear: string, schoolId: string | null, db: Queryable = this.db): Promise<RolloverClassRow[]> {
    return db.query<RolloverClassRow[]>(
      `SELECT c.id, c.school_id AS "schoolId", s.name AS "schoolName", s.level AS "schoolLevel", c.name, c.grade, c.student_count AS students
         FROM school_class c JOIN school s ON s.id = c.school_id
        WHERE s.province_id = $1 AND c.school_year = $2 AND ($3::uuid IS NULL OR s.id = $3)
        ORDER BY s.name COLLATE vi_vn, c.grade, c.name COLLATE vi_vn`,
      [provinceId, schoolYear, schoolId],
    );
  }

  /** The names of the classes a year already has, per school. */
  classNamesOfYear(provinceId: string, schoolYear: string, schoolId: string | null, db: Queryable = this.db): Promise<{ schoolId: string; name: string }[]> {
    return db.query<{ schoolId: string; name: string }[]>(
      `SELECT c.school_id AS "schoolId", c.name FROM school_class c JOIN school s ON s.id = c.school_id
        WHERE s.province_id = $1 AND c.school_year = $2 AND ($3::uuid IS NULL OR s.id = $3)`,
      [provinceId, schoolYear, schoolId],
    );
  }

  /** Next year's classes; those that exist already stay as they are. */
  async createClasses(tx: Tx, toYear: string, moves: ClassMove[]): Promise<void> {
    await tx.query(
      `INSERT INTO school_class (school_id, name, grade, school_year)
       SELECT x.school_id, x.name, x.grade, $4 FROM unnest($1::uuid[], $2::text[], $3::int[]) AS x (school_id, name, grade)
       ON CONFLICT (school_id, school_year, name) DO NOTHING`,
      [moves.map((m) => m.schoolId), moves.map((m) => m.toName), moves.map((m) => m.toGrade), toYear],
    );
  }

  /** Each new class gets the teachers of the class it comes from. */
  async copyTeachers(tx: Tx, toYear: string, moves: ClassMove[]): Promise<void> {
    await tx.query(
      `INSERT INTO class_teacher (class_id, teacher_id) SELECT n.id, t.teacher_id FROM ${PAIRS} JOIN class_teacher t ON t.class_id = x.from_id ON CONFLICT DO NOTHING`,
      pairArgs(toYear, moves),
    );
  }

  /** Enrols the active students of each class into its new class; returns how many were enrolled (not those already there). */
  async enrolActiveStudents(tx: Tx, toYear: string, moves: ClassMove[]): Promise<number> {
    const enrolled = await tx.query<{ student_id: string }[]>(
      `INSERT INTO enrollment (class_id, student_id, school_year)
       SELECT n.id, e.student_id, $4 FROM ${PAIRS} JOIN enrollment e ON e.class_id = x.from_id
         JOIN app_user u ON u.id = e.student_id AND u.active
       ON CONFLICT DO NOTHING RETURNING student_id`,
      pairArgs(toYear, moves),
    );
    return enrolled.length;
  }
}

/** Each moving class beside the class it becomes ($1..$4 of `pairArgs`). */
const PAIRS = `unnest($1::uuid[], $2::uuid[], $3::text[]) AS x (from_id, school_id, to_name)
                     JOIN school_class n ON n.school_id = x.school_id AND n.school_year = $4 AND n.name = x.to_name`;
const pairArgs = (toYear: string, moves: ClassMove[]) => [moves.map((m) => m.fromId), moves.map((m) => m.schoolId), moves.map((m) => m.toName), toYear];
