import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Tx } from '../database/transaction.repository.js';

export interface ExportAccountRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  schoolId: string | null;
  schoolName: string | null;
  birthDate: string | null;
  gender: string | null;
  studentCode: string | null;
  active: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ExportEnrollmentRow {
  schoolYear: string;
  className: string;
  schoolName: string;
}

export interface ExportAttemptRow {
  id: string;
  lesson: string;
  status: string;
  startedAt: Date;
  submittedAt: Date | null;
  late: boolean;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
}

export interface ExportResponseRow {
  attemptId: string;
  prompt: string;
  response: unknown;
  score: number | null;
  maxScore: number | null;
  correct: boolean | null;
  reviewComment: string | null;
  savedAt: Date;
}

export interface ExportLiveContestRow {
  contest: string;
  joinedAt: Date;
  kickedAt: Date | null;
  answers: { question: number; choice: unknown; correct: boolean; points: number; ms: number }[];
}

export interface ExportScheduledContestRow {
  contest: string;
  startedAt: Date;
  submittedAt: Date | null;
  score: number | null;
  correct: number | null;
  timeMs: number | null;
  answers: unknown;
}

export interface ExportDiagnosticRow {
  diagnostic: string;
  schoolYear: string;
  kind: string;
  className: string | null;
  preForm: string;
  postForm: string;
  pre: unknown;
  post: unknown;
  updatedAt: Date;
}

export interface ExportSessionRow {
  createdAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface ExportAuditEventRow {
  at: Date;
  action: string;
  entity: string;
  entityId: string | null;
  byThisPerson: boolean;
}

/** What is stored about a person, read for a copy, and the erasure of a student's personal data. */
@Injectable()
export class PrivacyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findAccount(userId: string): Promise<ExportAccountRow | null> {
    const rows = await this.db.query<ExportAccountRow[]>(
      `SELECT u.id, u.username, u.full_name AS "fullName", u.role, u.school_id AS "schoolId", s.name AS "schoolName", to_char(u.birth_date, 'YYYY-MM-DD') AS "birthDate",
              u.gender, u.student_code AS "studentCode", u.active, u.must_change_password AS "mustChangePassword", u.created_at AS "createdAt", u.updated_at AS "updatedAt"
         FROM app_user u LEFT JOIN school s ON s.id = u.school_id WHERE u.id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  enrollmentsOf(userId: string): Promise<ExportEnrollmentRow[]> {
    return this.db.query<ExportEnrollmentRow[]>(
      `SELECT e.school_year AS "schoolYear", c.name AS "className", s.name AS "schoolName" FROM enrollment e JOIN school_class c ON c.id = e.class_id JOIN school s ON s.id = c.school_id WHERE e.student_id = $1 ORDER BY 1`,
      [userId],
    );
  }

  attemptsOf(userId: string): Promise<ExportAttemptRow[]> {
    return this.db.query<ExportAttemptRow[]>(
      `SELECT t.id, l.title AS "lesson", t.status, t.started_at AS "startedAt", t.submitted_at AS "submittedAt", t.late, t.score::float, t.max_score::float AS "maxScore", t.percent::float
         FROM attempt t JOIN assignment a ON a.id = t.assignment_id JOIN lesson l ON l.id = a.lesson_id WHERE t.student_id = $1 ORDER BY t.started_at`,
      [userId],
    );
  }

  responsesOf(userId: string): Promise<ExportResponseRow[]> {
    return this.db.query<ExportResponseRow[]>(
      `SELECT r.attempt_id AS "attemptId", i.prompt, r.response, r.score::float, r.max_score::float AS "maxScore", r.correct, r.review_comment AS "reviewComment", r.saved_at AS "savedAt"
         FROM response r JOIN attempt t ON t.id = r.attempt_id JOIN item i ON i.id = r.item_id WHERE t.student_id = $1 ORDER BY r.saved_at`,
      [userId],
    );
  }

  liveContestsOf(userId: string): Promise<ExportLiveContestRow[]> {
    return this.db.query<ExportLiveContestRow[]>(
      `SELECT c.title AS contest, p.joined_at AS "joinedAt", p.kicked_at AS "kickedAt",
              (SELECT coalesce(json_agg(json_build_object('question', a.question_index, 'choice', a.choice, 'correct', a.correct, 'points', a.points, 'ms', a.elapsed_ms) ORDER BY a.question_index), '[]')
                 FROM contest_answer a WHERE a.session_id = p.session_id AND a.student_id = p.student_id) AS answers
         FROM participant p JOIN contest_session x ON x.id = p.session_id JOIN contest c ON c.id = x.contest_id WHERE p.student_id = $1 ORDER BY p.joined_at`,
      [userId],
    );
  }

  scheduledContestsOf(userId: string): Promise<ExportScheduledContestRow[]> {
    return this.db.query<ExportScheduledContestRow[]>(
      `SELECT c.title AS contest, e.started_at AS "startedAt", e.submitted_at AS "submittedAt", e.score, e.correct, e.time_ms AS "timeMs", e.answers
         FROM contest_entry e JOIN contest c ON c.id = e.contest_id WHERE e.student_id = $1 ORDER BY e.started_at`,
      [userId],
    );
  }

  /** The outcome of each pre/post diagnostic: the forms dealt and the graded figures of each (the answers are in the attempts). */
  diagnosticsOf(userId: string): Promise<ExportDiagnosticRow[]> {
    return this.db.query<ExportDiagnosticRow[]>(
      `SELECT d.title AS diagnostic, d.school_year AS "schoolYear", d.kind, c.name AS "className", ds.pre_form AS "preForm",
              CASE ds.pre_form WHEN 'A' THEN 'B' ELSE 'A' END AS "postForm", ds.pre, ds.post, ds.updated_at AS "updatedAt"
         FROM diagnostic_student ds JOIN diagnostic d ON d.id = ds.diagnostic_id LEFT JOIN school_class c ON c.id = ds.class_id
        WHERE ds.student_id = $1 ORDER BY d.created_at`,
      [userId],
    );
  }

  /** The messages the student chose to send to their teachers from "Hỏi Tỉnh Táo" (nothing else they asked is kept). */
  helperSharedOf(userId: string): Promise<{ sharedAt: Date; className: string; text: string; signs: unknown }[]> {
    return this.db.query(
      `SELECT m.shared_at AS "sharedAt", c.name AS "className", m.text, m.signs
         FROM helper_shared_message m JOIN school_class c ON c.id = m.class_id WHERE m.student_id = $1 ORDER BY m.shared_at`,
      [userId],
    );
  }

  sessionsOf(userId: string): Promise<ExportSessionRow[]> {
    return this.db.query<ExportSessionRow[]>(
      `SELECT created_at AS "createdAt", revoked_at AS "revokedAt", revoke_reason AS "revokeReason", ip, user_agent AS "userAgent" FROM auth_session WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    );
  }

  /** The audit events the person did, or that are about the person. */
  auditEventsOf(userId: string): Promise<ExportAuditEventRow[]> {
    return this.db.query<ExportAuditEventRow[]>(
      `SELECT at, action, entity, entity_id AS "entityId", actor_id = $1 AS "byThisPerson" FROM audit_event WHERE actor_id = $1 OR entity_id = $1::text ORDER BY at`,
      [userId],
    );
  }

  /**
   * Erases a student's personal data: name, username, birth date, gender, code and password;
   * every answer written; what the sessions recorded of the device; the messages shared with teachers.
   */
  async erasePersonalData(tx: Tx, userId: string, placeholderName: string, placeholderHash: string): Promise<void> {
    await tx.query(
      `UPDATE app_user SET full_name = $2, username = 'xoa-' || substr(md5(id::text || random()::text), 1, 12), birth_date = NULL, gender = NULL,
              student_code = NULL, password_hash = $3, must_change_password = false, active = false, updated_at = app_now() WHERE id = $1`,
      [userId, placeholderName, placeholderHash],
    );
    await tx.query(`DELETE FROM response r USING attempt t WHERE t.id = r.attempt_id AND t.student_id = $1`, [userId]);
    await tx.query(`UPDATE contest_entry SET answers = '{}' WHERE student_id = $1`, [userId]);
    await tx.query(`UPDATE auth_session SET ip = NULL, user_agent = NULL WHERE user_id = $1`, [userId]);
    await tx.query(`DELETE FROM helper_shared_message WHERE student_id = $1`, [userId]);
  }
}
