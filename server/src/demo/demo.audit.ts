import type { EntityManager } from 'typeorm';

import type { AuditService } from '../audit/audit.service.js';

const DAY = 24 * 3600 * 1000;

interface Actor {
  userId: string;
  provinceId: string;
  schoolId: string | null;
}

/**
 * The audit log of what the seed made, as the app would have written it had people done it by
 * hand: the Department published the curricula before the year, each school imported its class
 * lists, teachers gave their lessons. Written through the app's own audit writer, dated from the
 * seed's `now` and the school year, never later than `now`.
 */
export async function seedDemoAudit(tx: EntityManager, audit: AuditService, year: string, now: Date): Promise<number> {
  const [startYear] = year.split('-').map(Number);
  const notAfterNow = (at: number) => new Date(Math.min(at, now.getTime() - 60_000));
  const yearStart = Date.UTC(startYear, 7, 15, 2);
  let written = 0;

  const curricula: (Actor & { curriculumId: string; version: number; title: string; lessonIds: string[] })[] = await tx.query(
    `SELECT v.curriculum_id AS "curriculumId", v.version, v.title, c.province_id AS "provinceId", NULL AS "schoolId",
            COALESCE(v.published_by, (SELECT u.id FROM app_user u WHERE u.province_id = c.province_id AND u.role = 'dept_admin' ORDER BY u.created_at, u.username LIMIT 1)) AS "userId",
            ARRAY(SELECT cl.lesson_id FROM curriculum_lesson cl WHERE cl.version_id = v.id ORDER BY cl.position) AS "lessonIds"
       FROM curriculum_version v JOIN curriculum c ON c.id = v.curriculum_id
      WHERE v.status = 'published' AND c.school_year = $1
      ORDER BY c.province_id, c.level, c.kind`,
    [year],
  );
  for (const [i, c] of curricula.entries()) {
    await audit.record(tx, c, {
      action: 'curriculum.published',
      entity: 'curriculum',
      entityId: c.curriculumId,
      detail: { version: c.version, title: c.title, lessonIds: c.lessonIds },
      at: notAfterNow(yearStart + i * 3600_000),
    });
    written++;
  }

  // Each class list came in as a student import by the school's admin (or the Department for a school without one).
  const classes: (Actor & { className: string; students: number })[] = await tx.query(
    `SELECT c.name AS "className", s.id AS "schoolId", s.province_id AS "provinceId",
            (SELECT count(*)::int FROM enrollment e WHERE e.class_id = c.id) AS students,
            COALESCE((SELECT u.id FROM app_user u WHERE u.school_id = s.id AND u.role = 'school_admin' ORDER BY u.created_at, u.username LIMIT 1),
                     (SELECT u.id FROM app_user u WHERE u.province_id = s.province_id AND u.role = 'dept_admin' ORDER BY u.created_at, u.username LIMIT 1)) AS "userId"
       FROM school_class c JOIN school s ON s.id = c.school_id
      WHERE c.school_year = $1
      ORDER BY s.province_id, s.ministry_code, c.grade, c.name`,
    [year],
  );
  for (const [i, c] of classes.entries()) {
    if (c.students === 0) continue;
    await audit.record(tx, c, {
      action: 'import.students',
      entity: 'import',
      schoolId: c.schoolId,
      detail: { fileName: `danh-sach-lop-${c.className}.xlsx`, counts: { create: c.students, update: 0, unchanged: 0, error: 0 }, schoolYear: year },
      at: notAfterNow(yearStart + 5 * DAY + i * 600_000),
    });
    written++;
  }

  const assignments: (Actor & { assignmentId: string; lessonId: string; classIds: string[]; opensAt: Date; dueAt: Date })[] = await tx.query(
    `SELECT a.id AS "assignmentId", a.lesson_id AS "lessonId", a.opens_at AS "opensAt", a.due_at AS "dueAt", a.created_by AS "userId",
            a.school_id AS "schoolId", s.province_id AS "provinceId",
            ARRAY(SELECT ac.class_id FROM assignment_class ac WHERE ac.assignment_id = a.id) AS "classIds"
       FROM assignment a JOIN school s ON s.id = a.school_id
      WHERE a.created_by IS NOT NULL AND a.diagnostic_id IS NULL
      ORDER BY a.opens_at, a.id`,
  );
  for (const a of assignments) {
    await audit.record(tx, a, {
      action: 'assignment.created',
      entity: 'assignment',
      entityId: a.assignmentId,
      schoolId: a.schoolId,
      detail: { lessonId: a.lessonId, classIds: a.classIds, opensAt: a.opensAt.toISOString(), dueAt: a.dueAt.toISOString() },
      at: notAfterNow(a.opensAt.getTime() - DAY),
    });
    written++;
  }
  return written;
}
