import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CurriculumDto,
  CurriculumLessonDto,
  CurriculumLessonInput,
  CurriculumLevel,
  CurriculumListQuery,
  CurriculumStatus,
  CurriculumVersionDto,
  CurriculumVersionSummaryDto,
  ProgramKind,
} from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';

export interface CurriculumRow {
  id: string;
  provinceId: string;
  schoolYear: string;
  level: CurriculumLevel;
  kind: ProgramKind;
}

const CURRICULUM_COLUMNS = `c.id, c.province_id AS "provinceId", c.school_year AS "schoolYear", c.level, c.kind`;

type SummaryRow = Omit<CurriculumVersionSummaryDto, 'publishedAt' | 'updatedAt'> & {
  curriculumId: string;
  title: string;
  publishedAt: Date | null;
  updatedAt: Date;
};

const SUMMARY_COLUMNS = `v.id, v.curriculum_id AS "curriculumId", v.version, v.status, v.title, v.note,
  (SELECT count(*)::int FROM curriculum_lesson cl WHERE cl.version_id = v.id) AS "lessonCount",
  (SELECT count(*)::int FROM curriculum_lesson cl WHERE cl.version_id = v.id AND cl.required) AS "requiredCount",
  v.published_at AS "publishedAt", (SELECT full_name FROM app_user WHERE id = v.published_by) AS "publishedByName",
  v.updated_at AS "updatedAt"`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toSummary = ({ curriculumId: _c, title: _t, ...r }: SummaryRow): CurriculumVersionSummaryDto => ({
  ...r,
  publishedAt: iso(r.publishedAt),
  updatedAt: r.updatedAt.toISOString(),
});

@Injectable()
export class CurriculaRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findById(id: string, tx: Queryable = this.db): Promise<CurriculumRow | null> {
    const rows = await tx.query<CurriculumRow[]>(`SELECT ${CURRICULUM_COLUMNS} FROM curriculum c WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async find(provinceId: string, schoolYear: string, level: CurriculumLevel, kind: ProgramKind, tx: Queryable = this.db): Promise<CurriculumRow | null> {
    const rows = await tx.query<CurriculumRow[]>(
      `SELECT ${CURRICULUM_COLUMNS} FROM curriculum c WHERE c.province_id = $1 AND c.school_year = $2 AND c.level = $3 AND c.kind = $4`,
      [provinceId, schoolYear, level, kind],
    );
    return rows[0] ?? null;
  }

  /**
   * The province's curricula of these levels with their published version, and with their
   * draft when `withDrafts`; a curriculum nobody published yet is listed only with drafts.
   */
  async list(provinceId: string, levels: CurriculumLevel[], query: CurriculumListQuery, withDrafts: boolean): Promise<CurriculumDto[]> {
    const params: unknown[] = [provinceId, levels];
    const where = ['c.province_id = $1', 'c.level = ANY($2)'];
    if (query.year) where.push(`c.school_year = $${params.push(query.year)}`);
    if (query.level) where.push(`c.level = $${params.push(query.level)}`);
    if (query.kind) where.push(`c.kind = $${params.push(query.kind)}`);
    const curricula = await this.db.query<CurriculumRow[]>(
      `SELECT ${CURRICULUM_COLUMNS} FROM curriculum c WHERE ${where.join(' AND ')} ORDER BY c.school_year DESC, c.level, c.kind`,
      params,
    );
    const versions: SummaryRow[] =
      curricula.length === 0
        ? []
        : await this.db.query<SummaryRow[]>(`SELECT ${SUMMARY_COLUMNS} FROM curriculum_version v WHERE v.curriculum_id = ANY($1) AND v.status = ANY($2)`, [
            curricula.map((c) => c.id),
            withDrafts ? ['published', 'draft'] : ['published'],
          ]);
    return curricula.flatMap((c) => {
      const published = versions.find((v) => v.curriculumId === c.id && v.status === 'published');
      const draft = versions.find((v) => v.curriculumId === c.id && v.status === 'draft');
      if (!published && !draft) return [];
      const { provinceId: _p, ...fields } = c;
      return [{ ...fields, title: (published ?? draft)!.title, published: published ? toSummary(published) : null, draft: draft ? toSummary(draft) : null }];
    });
  }

  async versions(curriculumId: string, statuses: CurriculumStatus[]): Promise<CurriculumVersionSummaryDto[]> {
    const rows = await this.db.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM curriculum_version v WHERE v.curriculum_id = $1 AND v.status = ANY($2) ORDER BY v.version DESC`,
      [curriculumId, statuses],
    );
    return rows.map(toSummary);
  }

  async findVersionId(curriculumId: string, status: CurriculumStatus, tx: Queryable = this.db): Promise<string | null> {
    const rows = await tx.query<{ id: string }[]>(`SELECT id FROM curriculum_version WHERE curriculum_id = $1 AND status = $2`, [curriculumId, status]);
    return rows[0]?.id ?? null;
  }

  async findVersion(id: string, tx: Queryable = this.db): Promise<CurriculumVersionDto | null> {
    const rows = await tx.query<(SummaryRow & Omit<CurriculumRow, 'id'>)[]>(
      `SELECT ${SUMMARY_COLUMNS}, c.school_year AS "schoolYear", c.level, c.kind, c.province_id AS "provinceId"
         FROM curriculum_version v JOIN curriculum c ON c.id = v.curriculum_id WHERE v.id = $1`,
      [id],
    );
    if (!rows[0]) return null;
    const { schoolYear, level, kind, curriculumId, title, provinceId: _p } = rows[0];
    const lessons = await tx.query<(CurriculumLessonDto & { lockedAt: Date | null })[]>(
      `SELECT cl.lesson_id AS "lessonId", cl.position, cl.required, cl.suggested_month AS "suggestedMonth", l.title,
              (SELECT count(*)::int FROM lesson_item li WHERE li.lesson_id = l.id) AS "itemCount",
              l.duration_minutes AS "durationMinutes", l.grade_min AS "gradeMin", l.grade_max AS "gradeMax", l.locked_at AS "lockedAt"
         FROM curriculum_lesson cl JOIN lesson l ON l.id = cl.lesson_id WHERE cl.version_id = $1 ORDER BY cl.position`,
      [id],
    );
    return {
      ...toSummary(rows[0]),
      curriculumId,
      schoolYear,
      level,
      kind,
      title,
      lessons: lessons.map((l) => ({ ...l, lockedAt: iso(l.lockedAt) })),
    };
  }

  async insertCurriculum(tx: Tx, provinceId: string, schoolYear: string, level: CurriculumLevel, kind: ProgramKind): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(`INSERT INTO curriculum (province_id, school_year, level, kind) VALUES ($1, $2, $3, $4) RETURNING id`, [
      provinceId,
      schoolYear,
      level,
      kind,
    ]);
    return rows[0].id;
  }

  /** A new draft version numbered after the newest one. */
  async insertDraft(tx: Tx, curriculumId: string, title: string, note: string, createdBy: string | null): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO curriculum_version (curriculum_id, version, status, title, note, created_by)
       SELECT $1, COALESCE(max(version), 0) + 1, 'draft', $2, $3, $4 FROM curriculum_version WHERE curriculum_id = $1 RETURNING id`,
      [curriculumId, title, note, createdBy],
    );
    return rows[0].id;
  }

  async copyLessons(tx: Tx, fromVersionId: string, toVersionId: string): Promise<void> {
    await tx.query(
      `INSERT INTO curriculum_lesson (version_id, lesson_id, position, required, suggested_month)
       SELECT $2, lesson_id, position, required, suggested_month FROM curriculum_lesson WHERE version_id = $1`,
      [fromVersionId, toVersionId],
    );
  }

  async updateDraft(tx: Tx, versionId: string, fields: { title?: string; note: string }): Promise<void> {
    await tx.query(`UPDATE curriculum_version SET title = COALESCE($2, title), note = $3, updated_at = app_now() WHERE id = $1`, [
      versionId,
      fields.title ?? null,
      fields.note,
    ]);
  }

  async setLessons(tx: Tx, versionId: string, lessons: CurriculumLessonInput[]): Promise<void> {
    await tx.query(`DELETE FROM curriculum_lesson WHERE version_id = $1`, [versionId]);
    if (lessons.length === 0) return;
    await tx.query(
      `INSERT INTO curriculum_lesson (version_id, lesson_id, position, required, suggested_month)
       SELECT $1, t.lesson_id, t.ord - 1, t.required, t.month
         FROM unnest($2::uuid[], $3::boolean[], $4::smallint[]) WITH ORDINALITY AS t(lesson_id, required, month, ord)`,
      [versionId, lessons.map((l) => l.lessonId), lessons.map((l) => l.required), lessons.map((l) => l.suggestedMonth)],
    );
  }

  /** Lessons among `ids` that are not of this province, level and kind. */
  async lessonsNotFitting(provinceId: string, level: CurriculumLevel, kind: ProgramKind, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string }[]>(`SELECT id FROM lesson WHERE id = ANY($1) AND province_id = $2 AND level = $3 AND kind = $4`, [
      ids,
      provinceId,
      level,
      kind,
    ]);
    const fit = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !fit.has(id));
  }

  /**
   * Publishes a draft: the version in force becomes superseded, the draft published, and
   * its lessons and their items frozen.
   */
  async publish(tx: Tx, curriculumId: string, versionId: string, by: string | null): Promise<void> {
    await tx.query(`UPDATE curriculum_version SET status = 'superseded' WHERE curriculum_id = $1 AND status = 'published'`, [curriculumId]);
    await tx.query(`UPDATE curriculum_version SET status = 'published', published_at = app_now(), published_by = $2, updated_at = app_now() WHERE id = $1`, [
      versionId,
      by,
    ]);
    await tx.query(
      `UPDATE item SET locked_at = app_now() WHERE locked_at IS NULL AND id IN (
         SELECT li.item_id FROM curriculum_lesson cl JOIN lesson_item li ON li.lesson_id = cl.lesson_id WHERE cl.version_id = $1)`,
      [versionId],
    );
    await tx.query(
      `UPDATE lesson SET locked_at = app_now() WHERE locked_at IS NULL AND id IN (SELECT lesson_id FROM curriculum_lesson WHERE version_id = $1)`,
      [versionId],
    );
  }

  /** Locks the version's row against a concurrent publish or save. */
  async lockVersion(tx: Tx, versionId: string): Promise<{ status: CurriculumStatus; curriculumId: string } | null> {
    const rows = await tx.query<{ status: CurriculumStatus; curriculumId: string }[]>(
      `SELECT status, curriculum_id AS "curriculumId" FROM curriculum_version WHERE id = $1 FOR UPDATE`,
      [versionId],
    );
    return rows[0] ?? null;
  }

  /** Locks the curriculum's row, so that two callers do not open two drafts of it at once. */
  async lockCurriculum(tx: Tx, id: string): Promise<void> {
    await tx.query(`SELECT 1 FROM curriculum WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Deletes a draft version, and its curriculum when that was the curriculum's only version. */
  async deleteDraft(tx: Tx, versionId: string, curriculumId: string): Promise<void> {
    await tx.query(`DELETE FROM curriculum_version WHERE id = $1`, [versionId]);
    await tx.query(`DELETE FROM curriculum c WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM curriculum_version WHERE curriculum_id = c.id)`, [curriculumId]);
  }
}
