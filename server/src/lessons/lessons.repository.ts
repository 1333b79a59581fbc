import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  Block,
  CurriculumLevel,
  LessonBody,
  LessonListQuery,
  LessonSummaryDto,
  LibraryLessonDto,
  LibraryQuery,
  ProgramKind,
  StarterStaffLesson,
} from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';
import { iso } from './content.mappers.js';

export interface LessonRow {
  id: string;
  provinceId: string;
  slug: string | null;
  title: string;
  kind: ProgramKind;
  level: CurriculumLevel;
  gradeMin: number;
  gradeMax: number;
  durationMinutes: number;
  summary: string;
  objectives: string[];
  body: Block[];
  revisesId: string | null;
  lockedAt: Date | null;
  updatedAt: Date;
}

const LESSON_COLUMNS = `l.id, l.province_id AS "provinceId", l.slug, l.title, l.kind, l.level, l.grade_min AS "gradeMin",
  l.grade_max AS "gradeMax", l.duration_minutes AS "durationMinutes", l.summary, l.objectives, l.body,
  l.revises_id AS "revisesId", l.locked_at AS "lockedAt", l.updated_at AS "updatedAt"`;

const SUMMARY_COLUMNS = `l.id, l.title, l.kind, l.level, l.grade_min AS "gradeMin", l.grade_max AS "gradeMax",
  l.duration_minutes AS "durationMinutes", l.summary,
  (SELECT count(*)::int FROM lesson_item li WHERE li.lesson_id = l.id) AS "itemCount"`;

type LessonFields = Omit<LessonBody, 'items'>;
type StaffLessonFields = Omit<StarterStaffLesson, 'items' | 'slug'>;

@Injectable()
export class LessonsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findById(id: string, tx: Queryable = this.db): Promise<LessonRow | null> {
    // The staff program's lessons are read through its own routes; here a lesson is a students' one.
    const rows = await tx.query<LessonRow[]>(`SELECT ${LESSON_COLUMNS} FROM lesson l WHERE l.id = $1 AND l.audience = 'student'`, [id]);
    return rows[0] ?? null;
  }

  /** Lessons of the province's published curricula of these levels (DESIGN §4 `GET /api/lessons`). */
  async listPublished(provinceId: string, levels: CurriculumLevel[], query: LessonListQuery): Promise<LessonSummaryDto[]> {
    const params: unknown[] = [provinceId, levels];
    const where = [`c.province_id = $1`, `c.level = ANY($2)`, `v.status = 'published'`];
    if (query.year) where.push(`c.school_year = $${params.push(query.year)}`);
    if (query.level) where.push(`c.level = $${params.push(query.level)}`);
    if (query.kind) where.push(`c.kind = $${params.push(query.kind)}`);
    return this.db.query<LessonSummaryDto[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM lesson l
        WHERE l.id IN (SELECT cl.lesson_id FROM curriculum c
                         JOIN curriculum_version v ON v.curriculum_id = c.id
                         JOIN curriculum_lesson cl ON cl.version_id = v.id
                        WHERE ${where.join(' AND ')})
        ORDER BY l.level, l.kind, l.title COLLATE vi_vn`,
      params,
    );
  }

  /** Every lesson the province wrote, drafts and frozen ones, with where each is used. */
  async library(provinceId: string, query: LibraryQuery): Promise<LibraryLessonDto[]> {
    const params: unknown[] = [provinceId];
    // Diagnostic forms are not lessons to put in a curriculum: they live on the diagnostics page.
    // Nor are the staff program's lessons, which have a page of their own.
    const where = [
      'l.province_id = $1',
      "l.audience = 'student'",
      'NOT EXISTS (SELECT 1 FROM diagnostic d WHERE d.form_a_lesson_id = l.id OR d.form_b_lesson_id = l.id)',
    ];
    if (query.level) where.push(`l.level = $${params.push(query.level)}`);
    if (query.kind) where.push(`l.kind = $${params.push(query.kind)}`);
    if (query.q) where.push(`l.title ILIKE '%' || $${params.push(query.q.replace(/[%_\\]/g, '\\$&'))} || '%'`);
    const rows = await this.db.query<(LibraryLessonDto & { lockedAt: Date | null; updatedAt: Date })[]>(
      `SELECT ${SUMMARY_COLUMNS}, l.locked_at AS "lockedAt", l.revises_id AS "revisesId", l.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(json_build_object('curriculumId', c.id, 'versionId', v.id, 'schoolYear', c.school_year,
                                                          'version', v.version, 'status', v.status)
                                        ORDER BY c.school_year DESC, v.version DESC)
                          FROM curriculum_lesson cl JOIN curriculum_version v ON v.id = cl.version_id
                          JOIN curriculum c ON c.id = v.curriculum_id WHERE cl.lesson_id = l.id), '[]') AS "usedIn"
         FROM lesson l WHERE ${where.join(' AND ')}
        ORDER BY l.level, l.kind, l.title COLLATE vi_vn, l.created_at DESC`,
      params,
    );
    return rows.map((r) => ({ ...r, lockedAt: iso(r.lockedAt), updatedAt: r.updatedAt.toISOString() }));
  }

  /** A students' lesson, or with no level and grades one of the staff program. */
  async insert(
    tx: Tx,
    provinceId: string,
    lesson: LessonFields | StaffLessonFields,
    createdBy: string | null,
    extra: { slug?: string; revisesId?: string } = {},
  ): Promise<string> {
    const band = 'level' in lesson ? lesson : null;
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO lesson (province_id, slug, title, kind, level, grade_min, grade_max, duration_minutes, summary, objectives, body, revises_id, created_by, audience)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        provinceId,
        extra.slug ?? null,
        lesson.title,
        lesson.kind,
        band?.level ?? null,
        band?.gradeMin ?? null,
        band?.gradeMax ?? null,
        lesson.durationMinutes,
        lesson.summary,
        JSON.stringify(lesson.objectives),
        JSON.stringify(lesson.body),
        extra.revisesId ?? null,
        createdBy,
        band ? 'student' : 'staff',
      ],
    );
    return rows[0].id;
  }

  async update(tx: Tx, id: string, lesson: LessonFields): Promise<void> {
    await tx.query(
      `UPDATE lesson SET title = $2, kind = $3, level = $4, grade_min = $5, grade_max = $6, duration_minutes = $7, summary = $8,
              objectives = $9, body = $10, updated_at = app_now() WHERE id = $1`,
      [
        id,
        lesson.title,
        lesson.kind,
        lesson.level,
        lesson.gradeMin,
        lesson.gradeMax,
        lesson.durationMinutes,
        lesson.summary,
        JSON.stringify(lesson.objectives),
        JSON.stringify(lesson.body),
      ],
    );
  }

  async setItems(tx: Tx, lessonId: string, itemIds: string[]): Promise<void> {
    await tx.query(`DELETE FROM lesson_item WHERE lesson_id = $1`, [lessonId]);
    await tx.query(`INSERT INTO lesson_item (lesson_id, item_id, position) SELECT $1, id, ord - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`, [
      lessonId,
      itemIds,
    ]);
  }

  async itemIds(lessonId: string, tx: Queryable = this.db): Promise<string[]> {
    const rows = await tx.query<{ item_id: string }[]>(`SELECT item_id FROM lesson_item WHERE lesson_id = $1 ORDER BY position`, [lessonId]);
    return rows.map((r) => r.item_id);
  }

  /** Puts the revision in place of the lesson in every draft curriculum version that lists it. */
  async replaceInDrafts(tx: Tx, lessonId: string, revisionId: string): Promise<string[]> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = await tx.query<[{ version_id: string }[], number]>(
      `UPDATE curriculum_lesson cl SET lesson_id = $2 FROM curriculum_version v
        WHERE v.id = cl.version_id AND v.status = 'draft' AND cl.lesson_id = $1 RETURNING cl.version_id`,
      [lessonId, revisionId],
    );
    return rows.map((r) => r.version_id);
  }

  async isInAnyCurriculum(id: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM curriculum_lesson WHERE lesson_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.query(`DELETE FROM lesson WHERE id = $1`, [id]);
  }

  /** The province's lessons that came from the starter library, by their slug. */
  async idsBySlug(tx: Queryable, provinceId: string): Promise<Map<string, string>> {
    const rows = await tx.query<{ id: string; slug: string }[]>(`SELECT id, slug FROM lesson WHERE province_id = $1 AND slug IS NOT NULL`, [provinceId]);
    return new Map(rows.map((l) => [l.slug, l.id]));
  }
}
