import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type CreateDiagnosticBody,
  DIAGNOSTIC_SUM_KEYS,
  type DiagnosticDto,
  type DiagnosticForm,
  type DiagnosticItemDto,
  type DiagnosticPhase,
  type DiagnosticSums,
  type FormOutcome,
  type ItemSums,
  type TagTally,
} from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';

/** The roll-up column of a sum: `pairPreSumSq` → `pair_pre_sum_sq`. */
const column = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const SUM_COLUMNS = DIAGNOSTIC_SUM_KEYS.map(column);
/** Adds a student's change of contribution to a class's sums (every submit of a diagnostic runs it). */
const ADD_CLASS_SUMS = `INSERT INTO diagnostic_class_sums (diagnostic_id, class_id, school_id, ${SUM_COLUMNS.join(', ')})
  VALUES ($1, $2, $3, ${SUM_COLUMNS.map((_, n) => `$${n + 4}`).join(', ')})
  ON CONFLICT (diagnostic_id, class_id) DO UPDATE SET ${SUM_COLUMNS.map((c) => `${c} = diagnostic_class_sums.${c} + EXCLUDED.${c}`).join(', ')}`;
/** `sum(pre_n)::float AS "preN", …`, to add up class roll-ups into any group. */
const SUMMED = DIAGNOSTIC_SUM_KEYS.map((k) => `sum(${column(k)})::float AS "${k}"`).join(', ');

export interface DiagnosticRow {
  id: string;
  provinceId: string;
  schoolYear: string;
  level: 'THCS' | 'THPT';
  kind: 'SAFETY' | 'MEDIA_LITERACY';
  title: string;
  formALessonId: string;
  formBLessonId: string;
}

/** Which diagnostic, phase and form an attempt answers, and where its student counts. */
export interface DiagnosticAttemptContext {
  diagnosticId: string;
  phase: DiagnosticPhase;
  form: DiagnosticForm;
  studentId: string;
  classId: string;
  schoolId: string;
}

export interface StudentOutcomes {
  preForm: DiagnosticForm;
  classId: string | null;
  pre: FormOutcome | null;
  post: FormOutcome | null;
}

export type GroupSums = DiagnosticSums & { id: string; name: string };

/** A school's summed roll-ups, with its area (schools outside any area have none). */
export type SchoolSums = GroupSums & { areaId: string | null; areaName: string | null };

/** A student of a class with the outcomes of both forms. */
export interface ClassStudentRow {
  id: string;
  fullName: string;
  preForm: DiagnosticForm;
  pre: FormOutcome | null;
  post: FormOutcome | null;
}

/** A student's own outcomes of one diagnostic. */
export interface OwnOutcomeRow {
  id: string;
  title: string;
  kind: 'SAFETY' | 'MEDIA_LITERACY';
  preForm: DiagnosticForm;
  pre: FormOutcome | null;
  post: FormOutcome | null;
}

/** What an item of a diagnostic measures and whether its content is genuine. */
export interface ItemMeta {
  measures: string;
  genuine: boolean;
}

/** A bank item's kind and answer key, enough to check what a diagnostic may ask. */
export interface ItemKey {
  kind: string;
  answer: { verdict?: string };
}

type IdRow = { id: string };
type NameRow = { name: string };

@Injectable()
export class DiagnosticsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(tx: Tx, provinceId: string, body: CreateDiagnosticBody, lessons: { A: string; B: string }, createdBy: string): Promise<string> {
    const [row] = await tx.query<IdRow[]>(
      `INSERT INTO diagnostic (province_id, school_year, level, kind, title, form_a_lesson_id, form_b_lesson_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [provinceId, body.schoolYear, body.level, body.kind, body.title, lessons.A, lessons.B, createdBy],
    );
    for (const form of ['A', 'B'] as const)
      await tx.query(
        `INSERT INTO diagnostic_item (diagnostic_id, item_id, form, position, measures, genuine)
         SELECT $1, x.item_id, $2, x.ord - 1, x.measures, x.genuine
           FROM unnest($3::uuid[], $4::text[], $5::boolean[]) WITH ORDINALITY AS x(item_id, measures, genuine, ord)`,
        [row.id, form, body.forms[form].map((i) => i.itemId), body.forms[form].map((i) => i.measures), body.forms[form].map((i) => i.genuine)],
      );
    return row.id;
  }

  /** Freezes the items a diagnostic asks, and its two form lessons, so that every student answers the same test. */
  async lockContent(tx: Tx, lessonIds: string[], itemIds: string[]): Promise<void> {
    await tx.query(`UPDATE item SET locked_at = app_now() WHERE id = ANY($1) AND locked_at IS NULL`, [itemIds]);
    await tx.query(`UPDATE lesson SET locked_at = app_now() WHERE id = ANY($1) AND locked_at IS NULL`, [lessonIds]);
  }

  async findById(id: string, db: Queryable = this.db): Promise<DiagnosticRow | null> {
    const rows = await db.query<DiagnosticRow[]>(
      `SELECT id, province_id AS "provinceId", school_year AS "schoolYear", level, kind, title,
              form_a_lesson_id AS "formALessonId", form_b_lesson_id AS "formBLessonId" FROM diagnostic WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The province's diagnostics of the levels given (or `only` one), with their rounds counted in one school or the whole province. */
  async list(provinceId: string, levels: string[], schoolId: string | null, only: string | null = null): Promise<DiagnosticDto[]> {
    const rows = await this.db.query<(Omit<DiagnosticDto, 'createdAt'> & { createdAt: Date })[]>(
      `SELECT d.id, d.title, d.school_year AS "schoolYear", d.level, d.kind, d.created_at AS "createdAt",
              (SELECT count(*)::int FROM diagnostic_item i WHERE i.diagnostic_id = d.id AND i.form = 'A') AS "itemsPerForm",
              COALESCE((SELECT json_agg(r ORDER BY r.phase DESC) FROM (
                 SELECT a.diagnostic_phase AS phase, count(DISTINCT ac.class_id)::int AS classes, min(a.opens_at) AS "opensAt", max(a.due_at) AS "dueAt"
                   FROM assignment a JOIN assignment_class ac ON ac.assignment_id = a.id
                  WHERE a.diagnostic_id = d.id AND a.diagnostic_form = 'A' AND ($3::uuid IS NULL OR a.school_id = $3)
                  GROUP BY a.diagnostic_phase) r), '[]') AS rounds
         FROM diagnostic d WHERE d.province_id = $1 AND d.level = ANY($2) AND ($4::uuid IS NULL OR d.id = $4)
        ORDER BY d.school_year DESC, d.created_at DESC`,
      [provinceId, levels, schoolId, only],
    );
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  async items(diagnosticId: string): Promise<DiagnosticItemDto[]> {
    return this.db.query<DiagnosticItemDto[]>(
      `SELECT di.item_id AS "itemId", di.form, di.position, i.kind, i.prompt, di.measures, di.genuine
         FROM diagnostic_item di JOIN item i ON i.id = di.item_id WHERE di.diagnostic_id = $1 ORDER BY di.form, di.position`,
      [diagnosticId],
    );
  }

  /** The classes of the diagnostic's level and year: those named (in its province), or all of the province's. */
  async classesFor(d: DiagnosticRow, classIds: string[] | null): Promise<{ id: string; schoolId: string }[]> {
    return this.db.query<{ id: string; schoolId: string }[]>(
      `SELECT c.id, c.school_id AS "schoolId" FROM school_class c JOIN school s ON s.id = c.school_id
        WHERE s.province_id = $1 AND c.school_year = $2 AND class_level(c.grade) = $3 AND ($4::uuid[] IS NULL OR c.id = ANY($4))
        ORDER BY c.school_id, c.name COLLATE vi_vn`,
      [d.provinceId, d.schoolYear, d.level, classIds],
    );
  }

  /** Of these classes, those that already have the phase's round. */
  async classesWithRound(diagnosticId: string, phase: DiagnosticPhase, classIds: string[]): Promise<string[]> {
    const rows = await this.db.query<IdRow[]>(
      `SELECT DISTINCT ac.class_id AS id FROM assignment a JOIN assignment_class ac ON ac.assignment_id = a.id
        WHERE a.diagnostic_id = $1 AND a.diagnostic_phase = $2 AND ac.class_id = ANY($3)`,
      [diagnosticId, phase, classIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Deals the forms for the pre-test: inside each class the students, in an order shuffled by a
   * hash, take A and B in turn, so that every class is exactly counterbalanced.
   */
  async dealForms(tx: Tx, diagnosticId: string, classIds: string[]): Promise<void> {
    await tx.query(
      `INSERT INTO diagnostic_student (diagnostic_id, student_id, pre_form, class_id)
       SELECT $1, e.student_id, CASE WHEN row_number() OVER (PARTITION BY e.class_id ORDER BY hashtext(e.student_id::text || $3), e.student_id) % 2 = 1 THEN 'A' ELSE 'B' END, e.class_id
         FROM enrollment e WHERE e.class_id = ANY($2)
       ON CONFLICT DO NOTHING`,
      [diagnosticId, classIds, diagnosticId],
    );
  }

  async insertRound(
    tx: Tx,
    r: {
      diagnosticId: string;
      schoolId: string;
      lessonId: string;
      phase: DiagnosticPhase;
      form: DiagnosticForm;
      opensAt: string;
      dueAt: string;
      createdBy: string;
      classIds: string[];
    },
  ): Promise<void> {
    const [row] = await tx.query<IdRow[]>(
      `INSERT INTO assignment (school_id, lesson_id, opens_at, due_at, created_by, diagnostic_id, diagnostic_phase, diagnostic_form)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [r.schoolId, r.lessonId, r.opensAt, r.dueAt, r.createdBy, r.diagnosticId, r.phase, r.form],
    );
    await tx.query(`INSERT INTO assignment_class (assignment_id, class_id) SELECT $1, unnest($2::uuid[])`, [row.id, r.classIds]);
  }

  // ── The write path of a submit ───────────────────────────────────────────

  async attemptContext(tx: Tx, attemptId: string): Promise<DiagnosticAttemptContext | null> {
    const rows = await tx.query<DiagnosticAttemptContext[]>(
      `SELECT a.diagnostic_id AS "diagnosticId", a.diagnostic_phase AS phase, a.diagnostic_form AS form, t.student_id AS "studentId",
              ac.class_id AS "classId", a.school_id AS "schoolId"
         FROM attempt t JOIN assignment a ON a.id = t.assignment_id
         JOIN assignment_class ac ON ac.assignment_id = a.id
         JOIN enrollment e ON e.class_id = ac.class_id AND e.student_id = t.student_id
        WHERE t.id = $1 AND a.diagnostic_id IS NOT NULL LIMIT 1`,
      [attemptId],
    );
    return rows[0] ?? null;
  }

  /** What each item of the diagnostic measures and whether it is genuine. */
  async itemMeta(diagnosticId: string, db: Queryable = this.db): Promise<Map<string, ItemMeta>> {
    const rows = await db.query<(ItemMeta & { itemId: string })[]>(
      `SELECT item_id AS "itemId", measures, genuine FROM diagnostic_item WHERE diagnostic_id = $1`,
      [diagnosticId],
    );
    return new Map(rows.map((r) => [r.itemId, r]));
  }

  /** The student's row, created with the given pre form when missing, locked until the transaction ends. */
  async lockStudent(tx: Tx, diagnosticId: string, studentId: string, preForm: DiagnosticForm, classId: string): Promise<StudentOutcomes> {
    await tx.query(`INSERT INTO diagnostic_student (diagnostic_id, student_id, pre_form, class_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      diagnosticId,
      studentId,
      preForm,
      classId,
    ]);
    const [row] = await tx.query<StudentOutcomes[]>(
      `SELECT pre_form AS "preForm", class_id AS "classId", pre, post FROM diagnostic_student WHERE diagnostic_id = $1 AND student_id = $2 FOR UPDATE`,
      [diagnosticId, studentId],
    );
    return row;
  }

  async saveOutcome(tx: Tx, diagnosticId: string, studentId: string, phase: DiagnosticPhase, outcome: FormOutcome, classId: string): Promise<void> {
    await tx.query(
      `UPDATE diagnostic_student SET ${phase === 'pre' ? 'pre' : 'post'} = $3, class_id = COALESCE(class_id, $4), updated_at = app_now()
        WHERE diagnostic_id = $1 AND student_id = $2`,
      [diagnosticId, studentId, JSON.stringify(outcome), classId],
    );
  }

  /** Adds a student's change of contribution to the class's sums. */
  async addClassSums(tx: Tx, diagnosticId: string, classId: string, schoolId: string, delta: DiagnosticSums): Promise<void> {
    await tx.query(ADD_CLASS_SUMS, [diagnosticId, classId, schoolId, ...DIAGNOSTIC_SUM_KEYS.map((k) => delta[k])]);
  }

  async addItemSums(tx: Tx, diagnosticId: string, schoolId: string, phase: DiagnosticPhase, points: { itemId: string; x: number; y: number }[]): Promise<void> {
    await tx.query(
      `INSERT INTO diagnostic_school_item (diagnostic_id, school_id, item_id, phase, n, x_sum, x_sum_sq, y_sum, y_sum_sq, xy_sum)
       SELECT $1, $2, p.item_id, $3, 1, p.x, p.x * p.x, p.y, p.y * p.y, p.x * p.y
         FROM unnest($4::uuid[], $5::float8[], $6::float8[]) AS p(item_id, x, y)
       ON CONFLICT (diagnostic_id, school_id, item_id, phase) DO UPDATE SET
         n = diagnostic_school_item.n + 1, x_sum = diagnostic_school_item.x_sum + EXCLUDED.x_sum,
         x_sum_sq = diagnostic_school_item.x_sum_sq + EXCLUDED.x_sum_sq, y_sum = diagnostic_school_item.y_sum + EXCLUDED.y_sum,
         y_sum_sq = diagnostic_school_item.y_sum_sq + EXCLUDED.y_sum_sq, xy_sum = diagnostic_school_item.xy_sum + EXCLUDED.xy_sum`,
      [diagnosticId, schoolId, phase, points.map((p) => p.itemId), points.map((p) => p.x), points.map((p) => p.y)],
    );
  }

  async addTagTallies(
    tx: Tx,
    diagnosticId: string,
    schoolId: string,
    phase: DiagnosticPhase,
    tags: Map<string, { responses: number; missed: number }>,
  ): Promise<void> {
    if (tags.size === 0) return;
    const list = [...tags];
    await tx.query(
      `INSERT INTO diagnostic_school_tag (diagnostic_id, school_id, phase, tag, responses, missed)
       SELECT $1, $2, $3, t.tag, t.responses, t.missed FROM unnest($4::text[], $5::int[], $6::int[]) AS t(tag, responses, missed)
       ON CONFLICT (diagnostic_id, school_id, phase, tag) DO UPDATE SET
         responses = diagnostic_school_tag.responses + EXCLUDED.responses, missed = diagnostic_school_tag.missed + EXCLUDED.missed`,
      [diagnosticId, schoolId, phase, list.map(([t]) => t), list.map(([, v]) => v.responses), list.map(([, v]) => v.missed)],
    );
  }

  // ── The results: roll-ups only ───────────────────────────────────────────

  /** The class sums added up per school (all of the diagnostic's, or one), grouped before the join. */
  async schoolSums(diagnosticId: string, schoolId: string | null): Promise<SchoolSums[]> {
    return this.db.query<SchoolSums[]>(
      `SELECT s.id, s.name, s.area_id AS "areaId", ar.name AS "areaName", x.*
         FROM (SELECT school_id, ${SUMMED} FROM diagnostic_class_sums
                WHERE diagnostic_id = $1 AND ($2::uuid IS NULL OR school_id = $2) GROUP BY school_id) x
         JOIN school s ON s.id = x.school_id LEFT JOIN area ar ON ar.id = s.area_id
        ORDER BY s.name COLLATE vi_vn`,
      [diagnosticId, schoolId],
    );
  }

  /** The sums of each class of one school (or of one of its classes). */
  async classSums(diagnosticId: string, schoolId: string, classId: string | null = null): Promise<GroupSums[]> {
    return this.db.query<GroupSums[]>(
      `SELECT c.id, c.name, ${DIAGNOSTIC_SUM_KEYS.map((k) => `x.${column(k)}::float AS "${k}"`).join(', ')}
         FROM diagnostic_class_sums x JOIN school_class c ON c.id = x.class_id
        WHERE x.diagnostic_id = $1 AND x.school_id = $2 AND ($3::uuid IS NULL OR x.class_id = $3) ORDER BY c.name COLLATE vi_vn`,
      [diagnosticId, schoolId, classId],
    );
  }

  /** The classes of the diagnostic's level and year that a teacher teaches, by name. */
  async taughtClasses(d: DiagnosticRow, teacherId: string): Promise<string[]> {
    const rows = await this.db.query<IdRow[]>(
      `SELECT c.id FROM class_teacher t JOIN school_class c ON c.id = t.class_id JOIN school s ON s.id = c.school_id
        WHERE t.teacher_id = $1 AND s.province_id = $2 AND c.school_year = $3 AND class_level(c.grade) = $4 ORDER BY c.name COLLATE vi_vn`,
      [teacherId, d.provinceId, d.schoolYear, d.level],
    );
    return rows.map((r) => r.id);
  }

  /** The sums of the classes given, each class listed even before anyone answered. */
  async classSumsOf(diagnosticId: string, classIds: string[]): Promise<GroupSums[]> {
    return this.db.query<GroupSums[]>(
      `SELECT c.id, c.name, ${DIAGNOSTIC_SUM_KEYS.map((k) => `COALESCE(x.${column(k)}, 0)::float AS "${k}"`).join(', ')}
         FROM school_class c LEFT JOIN diagnostic_class_sums x ON x.class_id = c.id AND x.diagnostic_id = $1
        WHERE c.id = ANY($2) ORDER BY c.name COLLATE vi_vn`,
      [diagnosticId, classIds],
    );
  }

  async schoolName(id: string): Promise<string> {
    return (await this.db.query<NameRow[]>(`SELECT name FROM school WHERE id = $1`, [id]))[0].name;
  }

  async provinceName(id: string): Promise<string> {
    return (await this.db.query<NameRow[]>(`SELECT name FROM province WHERE id = $1`, [id]))[0].name;
  }

  async className(id: string): Promise<string> {
    return (await this.db.query<NameRow[]>(`SELECT name FROM school_class WHERE id = $1`, [id]))[0].name;
  }

  /** The kinds and keys of bank items, to check what a diagnostic may ask. */
  async itemKeys(ids: string[]): Promise<Map<string, ItemKey>> {
    const rows = await this.db.query<(ItemKey & IdRow)[]>(`SELECT id, kind, answer FROM item WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The students of a class with their outcomes. */
  async classStudents(diagnosticId: string, classId: string): Promise<ClassStudentRow[]> {
    return this.db.query<ClassStudentRow[]>(
      `SELECT u.id, u.full_name AS "fullName", ds.pre_form AS "preForm", ds.pre, ds.post
         FROM diagnostic_student ds JOIN app_user u ON u.id = ds.student_id
        WHERE ds.diagnostic_id = $1 AND ds.class_id = $2 ORDER BY split_part(u.full_name, ' ', -1) COLLATE vi_vn, u.full_name COLLATE vi_vn`,
      [diagnosticId, classId],
    );
  }

  async itemSums(diagnosticId: string, schoolId: string | null): Promise<(ItemSums & { itemId: string; phase: DiagnosticPhase })[]> {
    return this.db.query<(ItemSums & { itemId: string; phase: DiagnosticPhase })[]>(
      `SELECT item_id AS "itemId", phase, sum(n)::float AS n, sum(x_sum)::float AS "xSum", sum(x_sum_sq)::float AS "xSumSq",
              sum(y_sum)::float AS "ySum", sum(y_sum_sq)::float AS "ySumSq", sum(xy_sum)::float AS "xySum"
         FROM diagnostic_school_item WHERE diagnostic_id = $1 AND ($2::uuid IS NULL OR school_id = $2) GROUP BY 1, 2`,
      [diagnosticId, schoolId],
    );
  }

  async tagTallies(diagnosticId: string, schoolId: string | null): Promise<TagTally[]> {
    return this.db
      .query<TagTally[]>(
        `SELECT tag, sum(responses) FILTER (WHERE phase = 'pre')::int AS "preResponses", sum(missed) FILTER (WHERE phase = 'pre')::int AS "preMissed",
              sum(responses) FILTER (WHERE phase = 'post')::int AS "postResponses", sum(missed) FILTER (WHERE phase = 'post')::int AS "postMissed"
         FROM diagnostic_school_tag WHERE diagnostic_id = $1 AND ($2::uuid IS NULL OR school_id = $2) GROUP BY 1`,
        [diagnosticId, schoolId],
      )
      .then((rows) =>
        rows.map((r) => ({
          tag: r.tag,
          preResponses: r.preResponses ?? 0,
          preMissed: r.preMissed ?? 0,
          postResponses: r.postResponses ?? 0,
          postMissed: r.postMissed ?? 0,
        })),
      );
  }

  /** Some classes' technique tallies, read from their students' answers (a teacher's classes are few). */
  async classTagTallies(diagnosticId: string, classIds: string[]): Promise<TagTally[]> {
    return this.db.query<TagTally[]>(
      `SELECT di.measures AS tag,
              count(*) FILTER (WHERE a.diagnostic_phase = 'pre')::int AS "preResponses",
              count(*) FILTER (WHERE a.diagnostic_phase = 'pre' AND r.correct IS NOT TRUE)::int AS "preMissed",
              count(*) FILTER (WHERE a.diagnostic_phase = 'post')::int AS "postResponses",
              count(*) FILTER (WHERE a.diagnostic_phase = 'post' AND r.correct IS NOT TRUE)::int AS "postMissed"
         FROM diagnostic_student ds
         JOIN attempt t ON t.student_id = ds.student_id AND t.status = 'submitted'
         JOIN assignment a ON a.id = t.assignment_id AND a.diagnostic_id = ds.diagnostic_id
         JOIN diagnostic_item di ON di.diagnostic_id = ds.diagnostic_id AND NOT di.genuine
         JOIN lesson_item li ON li.lesson_id = a.lesson_id AND li.item_id = di.item_id
         LEFT JOIN response r ON r.attempt_id = t.id AND r.item_id = di.item_id
        WHERE ds.diagnostic_id = $1 AND ds.class_id = ANY($2)
        GROUP BY 1`,
      [diagnosticId, classIds],
    );
  }

  /** A student's own outcomes, per diagnostic. */
  async mine(studentId: string): Promise<OwnOutcomeRow[]> {
    return this.db.query<OwnOutcomeRow[]>(
      `SELECT d.id, d.title, d.kind, ds.pre_form AS "preForm", ds.pre, ds.post
         FROM diagnostic_student ds JOIN diagnostic d ON d.id = ds.diagnostic_id
        WHERE ds.student_id = $1 AND (ds.pre IS NOT NULL OR ds.post IS NOT NULL) ORDER BY d.created_at DESC`,
      [studentId],
    );
  }

  /** Is the lesson a diagnostic form that this student has not been given? Then the student may not read it. */
  async formHiddenFrom(studentId: string, lessonId: string): Promise<boolean> {
    const [row] = await this.db.query<{ hidden: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM diagnostic WHERE form_a_lesson_id = $2 OR form_b_lesson_id = $2)
              AND NOT EXISTS (SELECT 1 FROM assignment a JOIN assignment_class ac ON ac.assignment_id = a.id
                                JOIN enrollment e ON e.class_id = ac.class_id AND e.student_id = $1
                               WHERE a.lesson_id = $2 AND a.diagnostic_id IS NOT NULL
                                 AND a.diagnostic_form = diagnostic_form_for(a.diagnostic_id, a.diagnostic_phase, $1)) AS hidden`,
      [studentId, lessonId],
    );
    return row.hidden;
  }
}
