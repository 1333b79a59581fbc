import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  HelperAlertDto,
  HelperList,
  HelperListEntryDto,
  HelperListQuery,
  HelperPatternDto,
  HelperSharedMessageDto,
  HelperSignDto,
  SignCode,
  TrendKind,
} from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable } from '../database/transaction.repository.js';
import type { LibraryLesson } from './rules/lesson-index.js';

export interface WeeklyCount {
  kind: 'ask' | TrendKind;
  key: string;
}

export interface TrendRow {
  week: string;
  kind: 'ask' | TrendKind;
  key: string;
  count: number;
}

export interface ListsRow {
  list: HelperList;
  kind: 'domain' | 'phone';
  value: string;
}

// A DELETE … RETURNING answers [rows, count] through TypeORM: each delete here selects from a CTE to get rows.

/** What the helper keeps: counts, the Department's lists and patterns, and shared messages. Never a pasted text otherwise. */
@Injectable()
export class HelperRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The lessons of the province's published curricula (this year's or any still published), for the helper's search. */
  async findLibrary(provinceId: string): Promise<LibraryLesson[]> {
    return this.db.query(
      `SELECT DISTINCT ON (l.id) l.id, l.title, l.level, l.summary, l.objectives, l.body
         FROM lesson l
         JOIN curriculum_lesson cl ON cl.lesson_id = l.id
         JOIN curriculum_version v ON v.id = cl.version_id AND v.status = 'published'
        WHERE l.province_id = $1
          AND NOT EXISTS (SELECT 1 FROM diagnostic d WHERE d.form_a_lesson_id = l.id OR d.form_b_lesson_id = l.id)`,
      [provinceId],
    );
  }

  /** The area of a school (null for province staff, or a school without one). */
  async areaOfSchool(schoolId: string | null): Promise<string | null> {
    if (!schoolId) return null;
    const rows: { area_id: string | null }[] = await this.db.query(`SELECT area_id FROM school WHERE id = $1`, [schoolId]);
    return rows[0]?.area_id ?? null;
  }

  async addCounts(provinceId: string, areaId: string | null, week: string, counts: readonly WeeklyCount[], db: Queryable = this.db): Promise<void> {
    if (counts.length === 0) return;
    await db.query(
      `INSERT INTO helper_weekly_count (province_id, area_id, week, kind, key, count)
       SELECT $1, $2, $3::date, c.kind, c.key, count(*)::int
         FROM unnest($4::text[], $5::text[]) AS c(kind, key)
        GROUP BY c.kind, c.key
        -- One order of rows for every writer, so that two asks at once never deadlock on their counters.
        ORDER BY c.kind, c.key
       ON CONFLICT (province_id, (coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid)), week, kind, key)
       DO UPDATE SET count = helper_weekly_count.count + EXCLUDED.count`,
      [provinceId, areaId, week, counts.map((c) => c.kind), counts.map((c) => c.key)],
    );
  }

  /** Counts per week and key between two Mondays (inclusive), of one area or all. */
  async findCounts(provinceId: string, fromWeek: string, toWeek: string, areaId: string | null): Promise<TrendRow[]> {
    const rows: { week: string; kind: TrendRow['kind']; key: string; count: number }[] = await this.db.query(
      `SELECT to_char(week, 'YYYY-MM-DD') AS week, kind, key, sum(count)::int AS count
         FROM helper_weekly_count
        WHERE province_id = $1 AND week BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR area_id = $4)
        GROUP BY week, kind, key`,
      [provinceId, fromWeek, toWeek, areaId],
    );
    return rows;
  }

  async areaInProvince(provinceId: string, areaId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM area WHERE id = $1 AND province_id = $2`, [areaId, provinceId]);
    return rows.length > 0;
  }

  // ── lists and patterns ──

  async findLists(provinceId: string): Promise<ListsRow[]> {
    return this.db.query(`SELECT list, kind, value FROM helper_list_entry WHERE province_id = $1`, [provinceId]);
  }

  async findPatterns(provinceId: string): Promise<HelperPatternDto[]> {
    const rows: (Omit<HelperPatternDto, 'createdAt'> & { createdAt: Date })[] = await this.db.query(
      `SELECT id, sign, phrase, note, created_at AS "createdAt" FROM helper_pattern WHERE province_id = $1 ORDER BY phrase COLLATE vi_vn`,
      [provinceId],
    );
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  async findFoldedPatterns(provinceId: string): Promise<{ id: string; sign: SignCode; folded: string }[]> {
    return this.db.query(`SELECT id, sign, folded FROM helper_pattern WHERE province_id = $1`, [provinceId]);
  }

  /** The new pattern's id, or null when the province has one with the same folded phrase. */
  async insertPattern(
    db: Queryable,
    provinceId: string,
    pattern: { sign: SignCode; phrase: string; folded: string; note: string },
    userId: string,
  ): Promise<string | null> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO helper_pattern (province_id, sign, phrase, folded, note, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (province_id, folded) DO NOTHING RETURNING id`,
      [provinceId, pattern.sign, pattern.phrase, pattern.folded, pattern.note, userId],
    );
    return rows[0]?.id ?? null;
  }

  /** The deleted pattern's phrase, or null when the province has no such pattern. */
  async deletePattern(db: Queryable, provinceId: string, id: string): Promise<{ phrase: string; sign: string } | null> {
    const rows: { phrase: string; sign: string }[] = await db.query(
      `WITH gone AS (DELETE FROM helper_pattern WHERE id = $1 AND province_id = $2 RETURNING phrase, sign) SELECT * FROM gone`,
      [id, provinceId],
    );
    return rows[0] ?? null;
  }

  async findListPage(provinceId: string, query: HelperListQuery): Promise<{ items: HelperListEntryDto[]; total: number }> {
    const params: unknown[] = [provinceId, query.list ?? null, query.q ? `%${query.q.toLowerCase()}%` : null, query.limit, query.offset];
    const where = `province_id = $1 AND ($2::text IS NULL OR list = $2) AND ($3::text IS NULL OR value LIKE $3 OR lower(note) LIKE $3)`;
    const [items, total] = await Promise.all([
      this.db.query<(Omit<HelperListEntryDto, 'createdAt'> & { createdAt: Date })[]>(
        `SELECT id, list, kind, value, note, created_at AS "createdAt" FROM helper_list_entry WHERE ${where}
          ORDER BY list, value LIMIT $4 OFFSET $5`,
        params,
      ),
      this.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM helper_list_entry WHERE ${where}`, params.slice(0, 3)),
    ]);
    return { items: items.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total: total[0].n };
  }

  /** Writes the entries (new ones added, known ones' notes kept as they are); with `replace`, the list's other entries go. */
  async importList(
    db: Queryable,
    provinceId: string,
    list: HelperList,
    entries: readonly { kind: 'domain' | 'phone'; value: string; note: string }[],
    replace: boolean,
    userId: string,
  ): Promise<{ added: number; removed: number }> {
    let removed = 0;
    if (replace) {
      const gone: { n: number }[] = await db.query(
        `WITH gone AS (DELETE FROM helper_list_entry WHERE province_id = $1 AND list = $2 AND NOT (value = ANY($3::text[])) RETURNING id)
         SELECT count(*)::int AS n FROM gone`,
        [provinceId, list, entries.map((e) => e.value)],
      );
      removed = gone[0].n;
    }
    const added: unknown[] = await db.query(
      `INSERT INTO helper_list_entry (province_id, list, kind, value, note, created_by)
       SELECT $1, $2, e.kind, e.value, e.note, $6 FROM unnest($3::text[], $4::text[], $5::text[]) AS e(kind, value, note)
       ON CONFLICT (province_id, list, value) DO NOTHING RETURNING id`,
      [provinceId, list, entries.map((e) => e.kind), entries.map((e) => e.value), entries.map((e) => e.note), userId],
    );
    return { added: added.length, removed };
  }

  async deleteListEntry(db: Queryable, provinceId: string, id: string): Promise<{ list: string; value: string } | null> {
    const rows: { list: string; value: string }[] = await db.query(
      `WITH gone AS (DELETE FROM helper_list_entry WHERE id = $1 AND province_id = $2 RETURNING list, value) SELECT * FROM gone`,
      [id, provinceId],
    );
    return rows[0] ?? null;
  }

  // ── alerts to schools ──

  async insertAlert(db: Queryable, provinceId: string, alert: { lessonId: string; sign: SignCode | null; note: string }, userId: string): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO helper_alert (province_id, lesson_id, sign, note, sent_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [provinceId, alert.lessonId, alert.sign, alert.note, userId],
    );
    return rows[0].id;
  }

  /** The province's newest alerts about lessons of the given levels. */
  async findAlerts(provinceId: string, levels: readonly string[], limit: number): Promise<HelperAlertDto[]> {
    const rows: (Omit<HelperAlertDto, 'sentAt'> & { sentAt: Date })[] = await this.db.query(
      `SELECT a.id, a.lesson_id AS "lessonId", l.title AS "lessonTitle", l.level, a.sign, a.note, a.sent_at AS "sentAt",
              coalesce(u.full_name, '') AS "sentBy"
         FROM helper_alert a JOIN lesson l ON l.id = a.lesson_id LEFT JOIN app_user u ON u.id = a.sent_by
        WHERE a.province_id = $1 AND l.level = ANY($2::text[])
        ORDER BY a.sent_at DESC LIMIT $3`,
      [provinceId, levels, limit],
    );
    return rows.map((r) => ({ ...r, sentAt: r.sentAt.toISOString() }));
  }

  // ── shared messages ──

  /** The student's class this school year (the newest enrollment) and how many teachers it has. */
  async findStudentClass(studentId: string): Promise<{ classId: string; schoolId: string; teacherCount: number } | null> {
    const rows: { classId: string; schoolId: string; teacherCount: number }[] = await this.db.query(
      `SELECT c.id AS "classId", c.school_id AS "schoolId",
              (SELECT count(*)::int FROM class_teacher t WHERE t.class_id = c.id) AS "teacherCount"
         FROM enrollment e JOIN school_class c ON c.id = e.class_id
        WHERE e.student_id = $1
        ORDER BY e.school_year DESC LIMIT 1`,
      [studentId],
    );
    return rows[0] ?? null;
  }

  /** The shared message's id and time; sharing the same conversation twice keeps the first. */
  async insertShared(row: {
    provinceId: string;
    schoolId: string;
    classId: string;
    studentId: string;
    conversationId: string;
    text: string;
    signs: readonly HelperSignDto[];
  }): Promise<{ id: string; sharedAt: Date }> {
    const rows: { id: string; sharedAt: Date }[] = await this.db.query(
      `WITH added AS (
         INSERT INTO helper_shared_message (province_id, school_id, class_id, student_id, conversation_id, text, signs)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (student_id, conversation_id) DO NOTHING
         RETURNING id, shared_at)
       SELECT id, shared_at AS "sharedAt" FROM added
       UNION ALL
       SELECT id, shared_at FROM helper_shared_message WHERE student_id = $4 AND conversation_id = $5
       LIMIT 1`,
      [row.provinceId, row.schoolId, row.classId, row.studentId, row.conversationId, row.text, JSON.stringify(row.signs)],
    );
    return rows[0];
  }

  /** What the students of a teacher's classes shared, newest first. */
  async findSharedForTeacher(teacherId: string, limit: number): Promise<HelperSharedMessageDto[]> {
    const rows: (Omit<HelperSharedMessageDto, 'sharedAt'> & { sharedAt: Date })[] = await this.db.query(
      `SELECT m.id, m.shared_at AS "sharedAt", m.student_id AS "studentId", u.full_name AS "studentName",
              c.name AS "className", m.text, m.signs
         FROM helper_shared_message m
         JOIN class_teacher t ON t.class_id = m.class_id AND t.teacher_id = $1
         JOIN school_class c ON c.id = m.class_id
         JOIN app_user u ON u.id = m.student_id
        ORDER BY m.shared_at DESC LIMIT $2`,
      [teacherId, limit],
    );
    return rows.map((r) => ({ ...r, sharedAt: r.sharedAt.toISOString() }));
  }
}
