import type { AuditService } from '../audit/audit.service.js';
import { findClassesWithImporter, findCreatedAssignments, findPublishedCurricula } from '../database/seed/audit-history.js';
import type { Tx } from '../database/transaction.repository.js';

const DAY = 24 * 3600 * 1000;

/**
 * The audit log of what the seed made, as the app would have written it had people done it by
 * hand: the Department published the curricula before the year, each school imported its class
 * lists, teachers gave their lessons. Written through the app's own audit writer, dated from the
 * seed's `now` and the school year, never later than `now`.
 */
export async function seedDemoAudit(tx: Tx, audit: AuditService, year: string, now: Date): Promise<number> {
  const [startYear] = year.split('-').map(Number);
  const notAfterNow = (at: number) => new Date(Math.min(at, now.getTime() - 60_000));
  const yearStart = Date.UTC(startYear, 7, 15, 2);
  let written = 0;

  const curricula = await findPublishedCurricula(tx, year);
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
  const classes = await findClassesWithImporter(tx, year);
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

  const assignments = await findCreatedAssignments(tx);
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
