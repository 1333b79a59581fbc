import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GradedResponse, ItemResponse, ListScope, ReviewQueueItemDto, ReviewQueueQuery, ReviewSummaryDto } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Queryable, Tx } from '../database/transaction.repository.js';

export interface AttemptRow {
  id: string;
  assignmentId: string;
  studentId: string;
  lessonId: string;
  status: 'in_progress' | 'submitted';
  startedAt: Date;
  submittedAt: Date | null;
  late: boolean;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
  pendingReview: number;
  opensAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  /** The assignment's school; null for a staff lesson given to the Department's officials. */
  schoolId: string | null;
  provinceId: string;
  /** A staff lesson: it never moves the students' coverage. */
  staff: boolean;
  /** Set when the attempt answers a pre/post diagnostic form. */
  diagnosticId: string | null;
  now: Date;
}

export interface ResponseRow {
  id: string;
  itemId: string;
  response: ItemResponse | null;
  score: number | null;
  maxScore: number | null;
  correct: boolean | null;
  reviewComment: string | null;
}

const ATTEMPT_COLUMNS = `t.id, t.assignment_id AS "assignmentId", t.student_id AS "studentId", a.lesson_id AS "lessonId", t.status,
  t.started_at AS "startedAt", t.submitted_at AS "submittedAt", t.late, t.score::float8 AS score, t.max_score::float8 AS "maxScore",
  t.percent::float8 AS percent, t.pending_review AS "pendingReview", a.opens_at AS "opensAt", a.due_at AS "dueAt", a.closed_at AS "closedAt",
  a.school_id AS "schoolId", a.province_id AS "provinceId", a.audience = 'staff' AS staff, a.diagnostic_id AS "diagnosticId", app_now() AS now`;

/** Whether an assignment has opened yet, and whether it is closed. */
export interface AssignmentOpenState {
  early: boolean;
  closed: boolean;
}

/** A response with what a review needs to know: its item's kind and its attempt's state. */
export type ReviewedResponseRow = ResponseRow & { attemptId: string; kind: string; status: string };

/** The review queue of a teacher's classes or of a whole school. */
export type ReviewScope = { schoolId: string; teacherId: string | null };

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

  async findById(id: string, db: Queryable = this.db, lock = false): Promise<AttemptRow | null> {
    const rows = await db.query<AttemptRow[]>(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempt t JOIN assignment a ON a.id = t.assignment_id WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Whether the assignment has opened yet and whether it is closed; null when there is no such assignment. */
  async findOpenState(assignmentId: string): Promise<AssignmentOpenState | null> {
    const rows = await this.db.query<AssignmentOpenState[]>(
      `SELECT a.opens_at > app_now() AS early, a.closed_at IS NOT NULL AS closed FROM assignment a WHERE a.id = $1`,
      [assignmentId],
    );
    return rows[0] ?? null;
  }

  /** The student's attempt at the assignment, created if there is none; two taps make one attempt. */
  async findOrCreate(assignmentId: string, studentId: string): Promise<string> {
    const rows = await this.db.query<{ id: string }[]>(
      `WITH created AS (
         INSERT INTO attempt (assignment_id, student_id, status) VALUES ($1, $2, 'in_progress')
         ON CONFLICT (assignment_id, student_id) DO NOTHING RETURNING id)
       SELECT id FROM created UNION ALL SELECT id FROM attempt WHERE assignment_id = $1 AND student_id = $2`,
      [assignmentId, studentId],
    );
    return rows[0].id;
  }

  /**
   * The autosave, in one statement: stored only while the caller's session is live, the
   * attempt is in progress and its assignment open, and never over a newer save (`seq`). Answers the save time,
   * or null when nothing was stored.
   */
  async saveResponse(attemptId: string, studentId: string, sessionId: string, itemId: string, response: unknown, seq: number): Promise<Date | null> {
    const rows = await this.db.query<{ saved_at: Date }[]>(
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
    const rows = await this.db.query<{ saved_at: Date }[]>(`SELECT saved_at FROM response WHERE attempt_id = $1 AND item_id = $2`, [attemptId, itemId]);
    return rows[0]?.saved_at ?? null;
  }

  async responses(attemptId: string, db: Queryable = this.db): Promise<ResponseRow[]> {
    return db.query<ResponseRow[]>(
      `SELECT id, item_id AS "itemId", response, score::float8 AS score, max_score::float8 AS "maxScore", correct, review_comment AS "reviewComment"
         FROM response WHERE attempt_id = $1`,
      [attemptId],
    );
  }

  /** Writes every item's grade, unanswered items included, so the attempt has one row per item. */
  async writeGrades(tx: Tx, attemptId: string, graded: GradedResponse[]): Promise<void> {
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

  async markSubmitted(tx: Tx, attemptId: string, s: { score: number; maxScore: number; percent: number; pendingReview: number }): Promise<void> {
    await tx.query(
      `UPDATE attempt t SET status = 'submitted', submitted_at = app_now(), late = app_now() > a.due_at, score = $2, max_score = $3, percent = $4,
              pending_review = $5, updated_at = app_now()
         FROM assignment a WHERE a.id = t.assignment_id AND t.id = $1`,
      [attemptId, s.score, s.maxScore, s.percent, s.pendingReview],
    );
  }

  async updateScore(tx: Tx, attemptId: string, s: { score: number; maxScore: number; percent: number; pendingReview: number }): Promise<void> {
    await tx.query(`UPDATE attempt SET score = $2, max_score = $3, percent = $4, pending_review = $5, updated_at = app_now() WHERE id = $1`, [
      attemptId,
      s.score,
      s.maxScore,
      s.percent,
      s.pendingReview,
    ]);
  }

  /** The response and its attempt's state, the attempt locked for the review. */
  async findResponseForReview(tx: Tx, responseId: string): Promise<ReviewedResponseRow | null> {
    const rows = await tx.query<ReviewedResponseRow[]>(
      `SELECT r.id, r.item_id AS "itemId", r.response, r.score::float8 AS score, r.max_score::float8 AS "maxScore", r.correct, r.review_comment AS "reviewComment",
              r.attempt_id AS "attemptId", i.kind, t.status
         FROM response r JOIN item i ON i.id = r.item_id JOIN attempt t ON t.id = r.attempt_id WHERE r.id = $1 FOR UPDATE OF t`,
      [responseId],
    );
    return rows[0] ?? null;
  }

  async review(tx: Tx, responseId: string, score: number, maxScore: number, comment: string, reviewerId: string): Promise<void> {
    await tx.query(
      `UPDATE response SET score = $2::numeric, correct = $2::numeric >= $3::numeric, review_comment = $4, reviewed_by = $5, reviewed_at = app_now() WHERE id = $1`,
      [responseId, score, maxScore, comment, reviewerId],
    );
  }

  /** Short answers of submitted attempts waiting for a review, of the classes a teacher teaches (or a whole school), a page at a time. */
  async reviewQueue(scope: ListScope, query: ReviewQueueQuery): Promise<ReviewQueueItemDto[]> {
    const by = reviewerOf(scope);
    if (!by) return [];
    const rows = await this.db.query<(ReviewQueueItemDto & { submittedAt: Date })[]>(
      `SELECT r.id AS "responseId", t.id AS "attemptId", u.full_name AS "studentName", c.name AS "className", l.title AS "lessonTitle",
              i.prompt, i.answer->>'text' AS "modelAnswer", COALESCE(r.response->>'text', '') AS text, r.max_score::float8 AS "maxScore",
              t.submitted_at AS "submittedAt", r.item_id AS "itemId", l.id AS "lessonId", c.id AS "classId", a.id AS "assignmentId"
         ${PENDING_REVIEWS}
        ORDER BY l.title COLLATE vi_vn, l.id, (SELECT li.position FROM lesson_item li WHERE li.lesson_id = l.id AND li.item_id = r.item_id), r.item_id,
                 split_part(u.full_name, ' ', -1) COLLATE vi_vn, u.full_name COLLATE vi_vn, r.id
        LIMIT $5 OFFSET $6`,
      [by.schoolId, by.teacherId, query.classId ?? null, query.lessonId ?? null, query.limit, query.offset],
    );
    return rows.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() }));
  }

  /** The counts beside the queue: all under the filters, and per class and per lesson of the unfiltered queue (the filters' choices). */
  async reviewSummary(scope: ListScope, query: Pick<ReviewQueueQuery, 'classId' | 'lessonId'>): Promise<ReviewSummaryDto> {
    const by = reviewerOf(scope);
    if (!by) return { total: 0, classes: [], lessons: [] };
    const [{ total }] = await this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total ${PENDING_REVIEWS}`, [
      by.schoolId,
      by.teacherId,
      query.classId ?? null,
      query.lessonId ?? null,
    ]);
    const classes = await this.db.query<ReviewSummaryDto['classes']>(
      `SELECT c.id, c.name, count(*)::int AS count ${PENDING_REVIEWS} GROUP BY c.id, c.name ORDER BY c.name COLLATE vi_vn`,
      [by.schoolId, by.teacherId, null, null],
    );
    const lessons = await this.db.query<ReviewSummaryDto['lessons']>(
      `SELECT l.id, l.title, count(*)::int AS count ${PENDING_REVIEWS} GROUP BY l.id, l.title ORDER BY l.title COLLATE vi_vn`,
      [by.schoolId, by.teacherId, null, null],
    );
    return { total, classes, lessons };
  }
}

/** Whose answers a review scope covers: a teacher's classes in the school, or the whole school; none for any other scope. */
function reviewerOf(scope: ListScope): ReviewScope | null {
  if (scope.kind === 'teacher') return { schoolId: scope.schoolId, teacherId: scope.teacherId };
  if (scope.kind === 'school') return { schoolId: scope.schoolId, teacherId: null };
  return null;
}
