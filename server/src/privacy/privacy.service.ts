import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AuditPageDto, type AuditQuery, Permission } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthRepository } from '../auth/auth.repository.js';
import { hashPassword } from '../auth/password.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';

export const ERASED_NAME = 'Học sinh đã xoá dữ liệu';

/**
 * Children's personal data under Vietnam's personal data protection rules: a person may have a
 * copy of everything stored about them; a student's data is erased on request, keeping only
 * what the province's reports need, as numbers no one can be found in; the dept admin reads
 * the audit trail of the province.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sessions: AuthRepository,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Everything stored about one person, as JSON. */
  async export(auth: AuthUser, userId: string) {
    await this.access.require(auth, Permission.UserExport, [userId]);
    const q = (sql: string) => this.db.query(sql, [userId]);
    const [account] = await q(
      `SELECT u.id, u.username, u.full_name AS "fullName", u.role, u.school_id AS "schoolId", s.name AS "schoolName", to_char(u.birth_date, 'YYYY-MM-DD') AS "birthDate",
              u.gender, u.student_code AS "studentCode", u.active, u.must_change_password AS "mustChangePassword", u.created_at AS "createdAt", u.updated_at AS "updatedAt"
         FROM app_user u LEFT JOIN school s ON s.id = u.school_id WHERE u.id = $1`,
    );
    const [enrollments, attempts, responses, live, scheduled, diagnostics, sessions, events] = await Promise.all([
      q(
        `SELECT e.school_year AS "schoolYear", c.name AS "className", s.name AS "schoolName" FROM enrollment e JOIN school_class c ON c.id = e.class_id JOIN school s ON s.id = c.school_id WHERE e.student_id = $1 ORDER BY 1`,
      ),
      q(`SELECT t.id, l.title AS "lesson", t.status, t.started_at AS "startedAt", t.submitted_at AS "submittedAt", t.late, t.score::float, t.max_score::float AS "maxScore", t.percent::float
           FROM attempt t JOIN assignment a ON a.id = t.assignment_id JOIN lesson l ON l.id = a.lesson_id WHERE t.student_id = $1 ORDER BY t.started_at`),
      q(`SELECT r.attempt_id AS "attemptId", i.prompt, r.response, r.score::float, r.max_score::float AS "maxScore", r.correct, r.review_comment AS "reviewComment", r.saved_at AS "savedAt"
           FROM response r JOIN attempt t ON t.id = r.attempt_id JOIN item i ON i.id = r.item_id WHERE t.student_id = $1 ORDER BY r.saved_at`),
      q(`SELECT c.title AS contest, p.joined_at AS "joinedAt", p.kicked_at AS "kickedAt",
                (SELECT coalesce(json_agg(json_build_object('question', a.question_index, 'choice', a.choice, 'correct', a.correct, 'points', a.points, 'ms', a.elapsed_ms) ORDER BY a.question_index), '[]')
                   FROM contest_answer a WHERE a.session_id = p.session_id AND a.student_id = p.student_id) AS answers
           FROM participant p JOIN contest_session x ON x.id = p.session_id JOIN contest c ON c.id = x.contest_id WHERE p.student_id = $1 ORDER BY p.joined_at`),
      q(`SELECT c.title AS contest, e.started_at AS "startedAt", e.submitted_at AS "submittedAt", e.score, e.correct, e.time_ms AS "timeMs", e.answers
           FROM contest_entry e JOIN contest c ON c.id = e.contest_id WHERE e.student_id = $1 ORDER BY e.started_at`),
      // The outcome of each pre/post diagnostic: the forms dealt and the graded figures of each (the answers are in the attempts).
      q(`SELECT d.title AS diagnostic, d.school_year AS "schoolYear", d.kind, c.name AS "className", ds.pre_form AS "preForm",
                CASE ds.pre_form WHEN 'A' THEN 'B' ELSE 'A' END AS "postForm", ds.pre, ds.post, ds.updated_at AS "updatedAt"
           FROM diagnostic_student ds JOIN diagnostic d ON d.id = ds.diagnostic_id LEFT JOIN school_class c ON c.id = ds.class_id
          WHERE ds.student_id = $1 ORDER BY d.created_at`),
      q(
        `SELECT created_at AS "createdAt", revoked_at AS "revokedAt", revoke_reason AS "revokeReason", ip, user_agent AS "userAgent" FROM auth_session WHERE user_id = $1 ORDER BY created_at`,
      ),
      q(
        `SELECT at, action, entity, entity_id AS "entityId", actor_id = $1 AS "byThisPerson" FROM audit_event WHERE actor_id = $1 OR entity_id = $1::text ORDER BY at`,
      ),
    ]);
    await this.audit.record(null, auth, { action: 'user.exported', entity: 'user', entityId: userId, schoolId: account?.schoolId ?? null });
    return {
      exportedAt: this.clock.now().toISOString(),
      account,
      enrollments,
      attempts: attempts.map((a: { id: string }) => ({ ...a, responses: responses.filter((r: { attemptId: string }) => r.attemptId === a.id) })),
      contests: { live, scheduled },
      diagnostics,
      sessions,
      auditEvents: events,
    };
  }

  /**
   * Erases a student: name, username, birth date, gender, code and password go; every answer
   * the student wrote goes; sessions end. What coverage and contest figures count stays as
   * scores of an account that no longer says who it was, so the province's numbers do not move.
   */
  async erase(auth: AuthUser, userId: string): Promise<{ erased: true }> {
    const facts = (await this.access.require(auth, Permission.UserErase, [userId])).get(userId)!;
    const placeholder = await hashPassword(randomBytes(24).toString('base64url'));
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE app_user SET full_name = $2, username = 'xoa-' || substr(md5(id::text || random()::text), 1, 12), birth_date = NULL, gender = NULL,
                student_code = NULL, password_hash = $3, must_change_password = false, active = false, updated_at = app_now() WHERE id = $1`,
        [userId, ERASED_NAME, placeholder],
      );
      await tx.query(`DELETE FROM response r USING attempt t WHERE t.id = r.attempt_id AND t.student_id = $1`, [userId]);
      await tx.query(`UPDATE contest_entry SET answers = '{}' WHERE student_id = $1`, [userId]);
      await tx.query(`UPDATE auth_session SET ip = NULL, user_agent = NULL WHERE user_id = $1`, [userId]);
      await this.sessions.revokeSessionsOfUser(tx, userId, 'erased');
      await this.audit.record(tx, auth, { action: 'user.erased', entity: 'user', entityId: userId, schoolId: facts.schoolId ?? null });
    });
    return { erased: true };
  }

  /** The province's audit trail, newest first, filtered, with names instead of ids. */
  async auditLog(auth: AuthUser, query: AuditQuery): Promise<AuditPageDto> {
    await this.access.require(auth, Permission.AuditRead, [auth.provinceId]);
    return this.audit.list(auth.provinceId, query);
  }
}
