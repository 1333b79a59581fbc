import type { GradedResponse } from '@tinhtao/shared';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ItemResponse, ReviewQueueItemDto, ReviewQueueQuery, ReviewSummaryDto } from '@tinhtao/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface AttemptRow {
  id: string;
  assignmentId: string;
  studentId: string;
  lessonId: string;
  status: 'in_progress' | 'submitted';
  startedAt: Date;
  submittedAt: Date | null;
  late: boolean;
  score: string | null;
  maxScore: string | null;
  percent: string | null;
  pendingReview: number;
  opensAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  schoolId: string;
  /** Set when the attempt answers a pre/post diagnostic form. */
  diagnosticId: string | null;
  now: Date;
}

export interface ResponseRow {
  id: string;
  itemId: string;
  response: ItemResponse | null;
  score: string | null;
  maxScore: string | null;
  correct: boolean | null;
  reviewComment: string | null;
}

const ATTEMPT_COLUMNS = `t.id, t.assignment_id AS "assignmentId", t.student_id AS "studentId", a.lesson_id AS "lessonId", t.status,
  t.started_at AS "startedAt", t.submitted_at AS "submittedAt", t.late, t.score, t.max_score AS "maxScore", t.percent,
  t.pending_review AS "pendingReview", a.opens_at AS "opensAt", a.due_at AS "dueAt", a.closed_at AS "closedAt",
  a.school_id AS "schoolId", a.diagnostic_id AS "diagnosticId", app_now() AS now`;

/** The pending short answers in a school ($1), of one teacher's classes ($2, or all), of a class ($3) and a lesson ($4) when given. */
const PENDING_REVIEWS = `
         FROM response r
         JOIN attempt t ON t.id = r.attempt_id AND t.status = 'submitted'
         JOIN assignment a ON a.id = t.assignment_id AND a.school_id = $1
         JOIN item i ON i.id = r.item_id
         JOIN lesson l ON l.id = a.lesson_id
         JOIN app_user u ON u.id = t.student_id
         JOIN assignment_class ac ON ac.assignment_id = a.id
         JOIN enrollment e ON e.class_id = ac.class_id AND e.student_id = t.student_id
         JOIN school_class c ON c.id = ac.class_id
        WHERE r.score IS NULL AND r.max_score IS NOT NULL
          AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM class_teacher ct WHERE ct.class_id = c.id AND ct.teacher_id = $2))
          AND ($3::uuid IS NULL OR c.id = $3) AND ($4::uuid IS NULL OR l.id = $4)`;

@Injectable()
export class AttemptsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findById(id: string, tx: EntityManager | DataSource = this.db, lock = false): Promise<AttemptRow | null> {
    const rows = await tx.query(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempt t JOIN assignment a ON a.id = t.assignment_id WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The student's attempt at the assignment, created if there is none; two taps make one attempt. */
  async findOrCreate(assignmentId: string, studentId: string): Promise<string> {
    const rows = await this.db.query(
      `WITH created AS (
         INSERT INTO attempt (assignment_id, student_id, status) VALUES ($1, $2, 'in_progress')
         ON CONFLICT (assignment_id, student_id) DO NOTHING RETURNING id)
       SELECT id FROM created UNION ALL SELECT id FROM attempt WHERE assignment_id = $1 AND student_id = $2`,
      [assignmentId, studentId],
    );
    return rows[0].id;
  }

  async isEnrolledIn(studentId: string, assignmentId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM assignment a JOIN assignment_class ac ON ac.assignment_id = a.id JOIN enrollment e ON e.class_id = ac.class_id
        WHERE a.id = $1 AND e.student_id = $2
          AND (a.diagnostic_id IS NULL OR a.diagnostic_form = diagnostic_form_for(a.diagnostic_id, a.diagnostic_phase, e.student_id))`,
      [assignmentId, studentId],
    );
    return rows.length > 0;
  }

  /**
   * The autosave, in one statement: stored only while the caller's session is live, the
   * attempt is in progress and its assignment open, and never over a newer save (`seq`). Answers the save time,
   * or null when nothing was stored.
   */
  async saveResponse(attemptId: string, studentId: string, sessionId: string, itemId: string, response: unknown, seq: number): Promise<Date | null> {
    const rows = await this.db.query(
      `INSERT INTO response (attempt_id, item_id, response, seq)
       SELECT t.id, $3, $4, $5 FROM attempt t JOIN assignment a ON a.id = t.assignment_id
        WHERE t.id = $1 AND t.student_id = $2 AND t.status = 'in_progress' AND a.closed_at IS NULL
          AND EXISTS (SELECT 1 FROM auth_session s JOIN app_user u ON u.id = s.user_id
                       WHERE s.id = $6 AND s.user_id = $2 AND s.revoked_at IS NULL AND u.active)
       ON CONFLICT (attempt_id, item_id) DO UPDATE SET response = EXCLUDED.response, seq = EXCLUDED.seq, saved_at = app_now()
        WHERE response.seq <= EXCLUDED.seq
       RETURNING saved_at`,
      [attemptId, studentId, itemId, JSON.stringify(response), seq, sessionId],
    );
    return rows[0]?.saved_at ?? null;
  }

  async savedAt(attemptId: string, itemId: string): Promise<Date | null> {
    const rows = await this.db.query(`SELECT saved_at FROM response WHERE attempt_id = $1 AND item_id = $2`, [attemptId, itemId]);
    return rows[0]?.saved_at ?? null;
  }

  async responses(attemptId: string, tx: EntityManager | DataSource = this.db): Promise<ResponseRow[]> {
    return tx.query(
      `SELECT id, item_id AS "itemId", response, score, max_score AS "maxScore", correct, review_comment AS "reviewComment"
         FROM response WHERE attempt_id = $1`,
      [attemptId],
    );
  }

  /** Writes every item's grade, unanswered items included, so the attempt has one row per item. */
  async writeGrades(tx: EntityManager, attemptId: string, graded: GradedResponse[]): Promise<void> {
    await tx.query(
      `INSERT INTO response (attempt_id, item_id, response, score, max_score, correct)
       SELECT $1, g.item_id, g.response, g.score, g.max_score, g.correct
         FROM unnest($2::uuid[], $3::jsonb[], $4::numeric[], $5::numeric[], $6::boolean[]) AS g(item_id, response, score, max_score, correct)
       ON CONFLICT (attempt_id, item_id) DO UPDATE SET score = EXCLUDED.score, max_score = EXCLUDED.max_score, correct = EXCLUDED.correct`,
      [
        attemptId,
        graded.map((g) => g.itemId),
        graded.map((g) => JSON.stringify(g.response ?? null)),
        graded.map((g) => g.score),
        graded.map((g) => g.maxScore),
        graded.map((g) => g.correct),
      ],
    );
  }

  async markSubmitted(tx: EntityManager, attemptId: string, s: { score: number; maxScore: number; percent: number; pendingReview: number }): Promise<void> {
    await tx.query(
      `UPDATE attempt t SET status = 'submitted', submitted_at = app_now(), late = app_now() > a.due_at, score = $2, max_score = $3, percent = $4,
              pending_review = $5, updated_at = app_now()
         FROM assignment a WHERE a.id = t.assignment_id AND t.id = $1`,
      [attemptId, s.score, s.maxScore, s.percent, s.pendingReview],
    );
  }

  async updateScore(tx: EntityManager, attemptId: string, s: { score: number; maxScore: number; percent: number; pendingReview: number }): Promise<void> {
    await tx.query(`UPDATE attempt SET score = $2, max_score = $3, percent = $4, pending_review = $5, updated_at = app_now() WHERE id = $1`, [
      attemptId,
      s.score,
      s.maxScore,
      s.percent,
      s.pendingReview,
    ]);
  }

  async findResponse(
    responseId: string,
    tx: EntityManager | DataSource = this.db,
  ): Promise<(ResponseRow & { attemptId: string; kind: string; status: string }) | null> {
    const rows = await tx.query(
      `SELECT r.id, r.item_id AS "itemId", r.response, r.score, r.max_score AS "maxScore", r.correct, r.review_comment AS "reviewComment",
              r.attempt_id AS "attemptId", i.kind, t.status
         FROM response r JOIN item i ON i.id = r.item_id JOIN attempt t ON t.id = r.attempt_id WHERE r.id = $1 FOR UPDATE OF t`,
      [responseId],
    );
    return rows[0] ?? null;
  }

  async review(tx: EntityManager, responseId: string, score: number, maxScore: number, comment: string, reviewerId: string): Promise<void> {
    await tx.query(
      `UPDATE response SET score = $2::numeric, correct = $2::numeric >= $3::numeric, review_comment = $4, reviewed_by = $5, reviewed_at = app_now() WHERE id = $1`,
      [responseId, score, maxScore, comment, reviewerId],
    );
  }

  /** Short answers of submitted attempts waiting for a review, of the classes a teacher teaches (or a whole school), a page at a time. */
  async reviewQueue(schoolId: string, teacherId: string | null, query: ReviewQueueQuery): Promise<ReviewQueueItemDto[]> {
    const rows = await this.db.query(
      `SELECT r.id AS "responseId", t.id AS "attemptId", u.full_name AS "studentName", c.name AS "className", l.title AS "lessonTitle",
              i.prompt, i.answer->>'text' AS "modelAnswer", COALESCE(r.response->>'text', '') AS text, r.max_score AS "maxScore",
              t.submitted_at AS "submittedAt", r.item_id AS "itemId", l.id AS "lessonId", c.id AS "classId", a.id AS "assignmentId"
         ${PENDING_REVIEWS}
        ORDER BY l.title COLLATE vi_vn, l.id, (SELECT li.position FROM lesson_item li WHERE li.lesson_id = l.id AND li.item_id = r.item_id), r.item_id,
                 split_part(u.full_name, ' ', -1) COLLATE vi_vn, u.full_name COLLATE vi_vn, r.id
        LIMIT $5 OFFSET $6`,
      [schoolId, teacherId, query.classId ?? null, query.lessonId ?? null, query.limit, query.offset],
    );
    return rows.map((r: ReviewQueueItemDto & { maxScore: string; submittedAt: Date }) => ({
      ...r,
      maxScore: Number(r.maxScore),
      submittedAt: r.submittedAt.toISOString(),
    }));
  }

  /** The counts beside the queue: all under the filters, and per class and per lesson of the unfiltered queue (the filters' choices). */
  async reviewSummary(schoolId: string, teacherId: string | null, query: Pick<ReviewQueueQuery, 'classId' | 'lessonId'>): Promise<ReviewSummaryDto> {
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${PENDING_REVIEWS}`, [
      schoolId,
      teacherId,
      query.classId ?? null,
      query.lessonId ?? null,
    ]);
    const classes = await this.db.query(`SELECT c.id, c.name, count(*)::int AS count ${PENDING_REVIEWS} GROUP BY c.id, c.name ORDER BY c.name COLLATE vi_vn`, [
      schoolId,
      teacherId,
      null,
      null,
    ]);
    const lessons = await this.db.query(
      `SELECT l.id, l.title, count(*)::int AS count ${PENDING_REVIEWS} GROUP BY l.id, l.title ORDER BY l.title COLLATE vi_vn`,
      [schoolId, teacherId, null, null],
    );
    return { total, classes, lessons };
  }
}
