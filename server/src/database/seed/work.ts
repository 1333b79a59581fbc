import type { Tx } from '../transaction.repository.js';

/** The lesson at `position` of the province's published curriculum of this level and kind for the year. */
export async function findCurriculumLesson(tx: Tx, provinceId: string, year: string, level: string, kind: string, position: number): Promise<string> {
  const rows = await tx.query<{ lesson_id: string }[]>(
    `SELECT cl.lesson_id FROM curriculum c JOIN curriculum_version v ON v.curriculum_id = c.id AND v.status = 'published'
       JOIN curriculum_lesson cl ON cl.version_id = v.id
      WHERE c.province_id = $1 AND c.school_year = $2 AND c.level = $3 AND c.kind = $4 AND cl.position = $5`,
    [provinceId, year, level, kind, position],
  );
  return rows[0].lesson_id;
}

/** An assignment of one lesson to one class, created when it opened. */
export async function insertClassAssignment(
  tx: Tx,
  a: { schoolId: string; lessonId: string; opensAt: Date; dueAt: Date; teacherId: string; classId: string },
): Promise<string> {
  const [{ id }] = await tx.query<{ id: string }[]>(
    `INSERT INTO assignment (school_id, lesson_id, opens_at, due_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $3) RETURNING id`,
    [a.schoolId, a.lessonId, a.opensAt, a.dueAt, a.teacherId],
  );
  await tx.query(`INSERT INTO assignment_class (assignment_id, class_id) VALUES ($1, $2)`, [id, a.classId]);
  return id;
}

export async function insertStartedAttempt(tx: Tx, assignmentId: string, studentId: string, startedAt: Date): Promise<string> {
  const [{ id }] = await tx.query<{ id: string }[]>(
    `INSERT INTO attempt (assignment_id, student_id, status, started_at) VALUES ($1, $2, 'in_progress', $3) RETURNING id`,
    [assignmentId, studentId, startedAt],
  );
  return id;
}

/** One response; the grade fields stay null for an attempt not yet handed in. */
export async function insertResponse(
  tx: Tx,
  attemptId: string,
  r: { itemId: string; response: unknown; score: number | null; maxScore: number | null; correct: boolean | null },
): Promise<void> {
  await tx.query(`INSERT INTO response (attempt_id, item_id, response, score, max_score, correct) VALUES ($1, $2, $3, $4, $5, $6)`, [
    attemptId,
    r.itemId,
    JSON.stringify(r.response),
    r.score,
    r.maxScore,
    r.correct,
  ]);
}

/** Many graded responses of one attempt at once. */
export async function insertGradedResponses(
  tx: Tx,
  attemptId: string,
  graded: { itemId: string; response: unknown; score: number; maxScore: number; correct: boolean | null }[],
): Promise<void> {
  await tx.query(
    `INSERT INTO response (attempt_id, item_id, response, score, max_score, correct)
     SELECT $1, g.item_id, g.response, g.score, g.max_score, g.correct FROM jsonb_to_recordset($2::jsonb) AS g(item_id uuid, response jsonb, score numeric, max_score numeric, correct boolean)`,
    [attemptId, JSON.stringify(graded.map((g) => ({ item_id: g.itemId, response: g.response, score: g.score, max_score: g.maxScore, correct: g.correct })))],
  );
}

/** Hands an attempt in at a given time with its totals. */
export async function markAttemptSubmitted(
  tx: Tx,
  attemptId: string,
  submittedAt: Date,
  total: { score: number; maxScore: number; percent: number; pendingReview?: number },
  late?: boolean,
): Promise<void> {
  if (late === undefined) {
    await tx.query(`UPDATE attempt SET status = 'submitted', submitted_at = $2, score = $3, max_score = $4, percent = $5 WHERE id = $1`, [
      attemptId,
      submittedAt,
      total.score,
      total.maxScore,
      total.percent,
    ]);
    return;
  }
  await tx.query(
    `UPDATE attempt SET status = 'submitted', submitted_at = $2, late = $3, score = $4, max_score = $5, percent = $6, pending_review = $7 WHERE id = $1`,
    [attemptId, submittedAt, late, total.score, total.maxScore, total.percent, total.pendingReview],
  );
}

/** The seed's work went in by SQL, beside the submit path: count it into the coverage roll-ups. */
export async function rebuildCoverage(tx: Tx, provinceId: string, year: string): Promise<void> {
  await tx.query(`SELECT coverage_rebuild($1, $2)`, [provinceId, year]);
}

/** The THCS classes of the province's year for the diagnostic, with how well each school's program went. */
export function findDiagnosticClasses(tx: Tx, provinceId: string, year: string): Promise<{ id: string; schoolId: string; improves: number; post: boolean }[]> {
  return tx.query<{ id: string; schoolId: string; improves: number; post: boolean }[]>(
    `SELECT c.id, c.school_id AS "schoolId", (CASE s.name WHEN 'Trường THCS Đông Kinh' THEN 0.8 WHEN 'Trường THCS Tam Thanh' THEN 0.9
              WHEN 'Trường THCS Hoàng Văn Thụ' THEN 0.7 WHEN 'Trường THCS Vĩnh Trại' THEN 0.4 ELSE 0.1 END)::float8 AS improves,
            s.name NOT IN ('Trường PTDTBT THCS Xuân Long', 'Trường THCS Chi Lăng') AS post
       FROM school_class c JOIN school s ON s.id = c.school_id
      WHERE s.province_id = $1 AND c.school_year = $2 AND class_level(c.grade) = 'THCS' ORDER BY s.name, c.name`,
    [provinceId, year],
  );
}

export interface DiagnosticSittingRow {
  assignmentId: string;
  lessonId: string;
  studentId: string;
  username: string;
  phase: 'pre' | 'post';
  at: Date;
}

/** Every student's form of each round of the diagnostic: post-tests first, then by student. */
export function findDiagnosticSittings(tx: Tx, diagnosticId: string): Promise<DiagnosticSittingRow[]> {
  return tx.query<DiagnosticSittingRow[]>(
    `SELECT a.id AS "assignmentId", a.lesson_id AS "lessonId", e.student_id AS "studentId", u.username, a.diagnostic_phase AS phase, a.opens_at AS at
       FROM assignment a JOIN assignment_class ac ON ac.assignment_id = a.id JOIN enrollment e ON e.class_id = ac.class_id
       JOIN app_user u ON u.id = e.student_id
      WHERE a.diagnostic_id = $1 AND a.diagnostic_form = diagnostic_form_for(a.diagnostic_id, a.diagnostic_phase, e.student_id)
      ORDER BY a.diagnostic_phase DESC, e.student_id`,
    [diagnosticId],
  );
}

/** Which class each student of these classes is in. */
export function findEnrollments(tx: Tx, classIds: string[]): Promise<{ id: string; classId: string }[]> {
  return tx.query<{ id: string; classId: string }[]>(
    `SELECT e.student_id AS id, c.id AS "classId" FROM enrollment e JOIN school_class c ON c.id = e.class_id WHERE c.id = ANY($1)`,
    [classIds],
  );
}
