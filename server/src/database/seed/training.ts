import type { Tx } from '../transaction.repository.js';

/** The lessons of the province's staff program for the year, in order. */
export async function findStaffProgram(tx: Tx, provinceId: string, year: string): Promise<string[]> {
  const rows = await tx.query<{ lesson_id: string }[]>(
    `SELECT lesson_id FROM staff_program_lesson WHERE province_id = $1 AND school_year = $2 ORDER BY position`,
    [provinceId, year],
  );
  return rows.map((r) => r.lesson_id);
}

/** A staff lesson given to every school's staff and the Department at once; the ids of its rows by school (null: the Department). */
export async function insertStaffAssignment(
  tx: Tx,
  a: { provinceId: string; lessonId: string; opensAt: Date; dueAt: Date; createdBy: string },
): Promise<Map<string | null, string>> {
  const rows = await tx.query<{ id: string; school_id: string | null }[]>(
    `INSERT INTO assignment (audience, province_id, school_id, lesson_id, opens_at, due_at, created_by, created_at, staff_group_id)
     SELECT 'staff', $1, s.id, $2, $3, $4, $5, $3, gen_random_uuid() FROM (SELECT id FROM school WHERE province_id = $1 UNION ALL SELECT NULL) s
     RETURNING id, school_id`,
    [a.provinceId, a.lessonId, a.opensAt, a.dueAt, a.createdBy],
  );
  // One act of giving: one group id for all its rows.
  await tx.query(`UPDATE assignment SET staff_group_id = $1 WHERE id = ANY($2)`, [rows[0].id, rows.map((r) => r.id)]);
  return new Map(rows.map((r) => [r.school_id, r.id]));
}

export async function findUserIds(tx: Tx, usernames: string[]): Promise<Map<string, { id: string; schoolId: string | null }>> {
  const rows = await tx.query<{ id: string; username: string; school_id: string | null }[]>(
    `SELECT id, username, school_id FROM app_user WHERE username = ANY($1)`,
    [usernames],
  );
  return new Map(rows.map((r) => [r.username, { id: r.id, schoolId: r.school_id }]));
}
