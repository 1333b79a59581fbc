import { Injectable } from '@nestjs/common';
import {
  allows,
  type AttemptDto,
  classListScope,
  gradeItem,
  type ItemDto,
  type ItemResponse,
  itemScore,
  Permission,
  RESPONSE_SCHEMAS,
  type ReviewBody,
  type ReviewedDto,
  type ReviewQueueItemDto,
  type ReviewQueueQuery,
  type ReviewSummaryDto,
  type SaveResponseBody,
  schoolYearOf,
  scoreAttempt,
  type SubmitResultDto,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthRepository } from '../auth/auth.repository.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { DiagnosticRollups } from '../diagnostics/diagnostic-rollups.service.js';
import { PublishedItemsRepository } from '../lessons/published-items.repository.js';
import { ProvinceRepository } from '../org/province.repository.js';
import { AppError, ErrorCode, found, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { fieldError, fieldErrorsOf, validationFailed } from '../platform/zod.pipe.js';
import { CoverageRollupsRepository } from '../rollups/coverage-rollups.repository.js';
import { type AttemptRow, AttemptsRepository, type ResponseRow } from './attempts.repository.js';

/** What never changes about an attempt: whose it is and which lesson it answers. */
interface AttemptKey {
  studentId: string;
  lessonId: string;
}
const MAX_KEYS = 50_000;

/** Students answer, autosave and submit; teachers review open answers. Grading happens here only. */
@Injectable()
export class AttemptsService {
  private readonly keys = new Map<string, AttemptKey>();

  constructor(
    private readonly access: AccessService,
    private readonly repo: AttemptsRepository,
    private readonly items: PublishedItemsRepository,
    private readonly province: ProvinceRepository,
    private readonly sessions: AuthRepository,
    private readonly audit: AuditService,
    private readonly rollups: CoverageRollupsRepository,
    private readonly diagnostics: DiagnosticRollups,
    private readonly tx: TransactionRepository,
  ) {}

  /** Starts the student's attempt, or resumes it (also after submission, to show the result). */
  async start(auth: AuthUser, assignmentId: string): Promise<AttemptDto> {
    const facts = (await this.access.require(auth, Permission.AssignmentRead, [assignmentId])).get(assignmentId)!;
    if (!allows(auth, Permission.AssignmentStart, facts)) throw new AppError(ErrorCode.Forbidden, 'Only those it is given to do the assignment');
    if (found(await this.repo.findOpenState(assignmentId)).early) throw new AppError(ErrorCode.AssignmentNotOpen);
    const attemptId = await this.repo.findOrCreate(assignmentId, auth.userId);
    const attempt = found(await this.repo.findById(attemptId));
    if (attempt.status === 'in_progress' && attempt.closedAt) throw new AppError(ErrorCode.AssignmentClosed);
    return this.view(attempt);
  }

  async get(auth: AuthUser, id: string): Promise<AttemptDto> {
    await this.access.require(auth, Permission.AttemptRead, [id]);
    return this.view(found(await this.repo.findById(id)));
  }

  /**
   * The autosave. The hot path is one statement, which itself checks that the session is
   * live and the attempt the caller's and still open; only a refused save pays for finding
   * out why.
   */
  async save(auth: AuthUser, attemptId: string, itemId: string, body: SaveResponseBody): Promise<{ savedAt: string }> {
    const key = await this.key(attemptId);
    if (!key || key.studentId !== auth.userId) {
      await this.requireLiveSession(auth);
      await this.access.require(auth, Permission.AttemptWrite, [attemptId]);
      throw notFound('attempt');
    }
    const item = (await this.items.itemsOf(key.lessonId)).get(itemId);
    if (!item) return this.refuse(auth, notFound('item'));
    const parsed = RESPONSE_SCHEMAS[item.kind].safeParse(body.response);
    if (!parsed.success) {
      return this.refuse(auth, validationFailed(fieldErrorsOf(parsed.error.issues, ['response'])));
    }
    const savedAt = await this.repo.saveResponse(attemptId, auth.userId, auth.sessionId, itemId, parsed.data, body.seq ?? 0);
    if (savedAt) return { savedAt: savedAt.toISOString() };
    await this.requireLiveSession(auth);
    const attempt = found(await this.repo.findById(attemptId));
    if (attempt.status === 'submitted') throw new AppError(ErrorCode.AlreadySubmitted);
    if (attempt.closedAt) throw new AppError(ErrorCode.AssignmentClosed);
    // A newer save (higher seq) is already stored: this one is stale and changes nothing.
    return { savedAt: found(await this.repo.savedAt(attemptId, itemId)).toISOString() };
  }

  /** On a route whose guard left the session check to the handler, a refusal names an ended session first. */
  private async requireLiveSession(auth: AuthUser): Promise<void> {
    if (auth.sessionChecked !== false) return;
    if (!(await this.sessions.findActiveSessionUser(auth.sessionId, auth.userId)))
      throw new AppError(ErrorCode.Unauthenticated, 'The session has ended; sign in again');
  }

  private async refuse(auth: AuthUser, error: AppError): Promise<never> {
    await this.requireLiveSession(auth);
    throw error;
  }

  /** Grades every item on the server and closes the attempt; a second submit is 409. */
  async submit(auth: AuthUser, attemptId: string): Promise<SubmitResultDto> {
    await this.access.require(auth, Permission.AttemptWrite, [attemptId]);
    const attempt = await this.tx.run(async (tx) => {
      const locked = found(await this.repo.findById(attemptId, tx, true));
      if (locked.status === 'submitted') throw new AppError(ErrorCode.AlreadySubmitted);
      if (locked.closedAt) throw new AppError(ErrorCode.AssignmentClosed);
      const items = [...(await this.items.itemsOf(locked.lessonId)).values()];
      const saved = new Map((await this.repo.responses(attemptId, tx)).map((r) => [r.itemId, r.response]));
      const graded = items.map((item) => {
        const response = saved.get(item.id) ?? null;
        const blank = item.kind === 'short_answer' && !(response as { text?: string } | null)?.text?.trim();
        const grade = blank ? { fraction: 0, correct: false } : gradeItem(item, response);
        return { itemId: item.id, response, score: itemScore(item.points, grade), maxScore: item.points, correct: grade.correct };
      });
      await this.repo.writeGrades(tx, attemptId, graded);
      const total = scoreAttempt(graded.map((g) => ({ points: g.maxScore, score: g.score })));
      await this.repo.markSubmitted(tx, attemptId, total);
      // A diagnostic form is a measurement, not a lesson done: it moves its own roll-ups, not coverage.
      if (locked.diagnosticId) await this.diagnostics.submitted(tx, attemptId, items, graded);
      else if (!locked.staff) await this.rollups.submitted(tx, attemptId, total.percent);
      return found(await this.repo.findById(attemptId, tx));
    });
    return found(await this.result(attempt));
  }

  // ── Reviews of short answers ─────────────────────────────────────────────

  /** Teachers review their classes' answers, school admins the school's; nobody else has a queue (403). */
  async reviewQueue(auth: AuthUser, query: ReviewQueueQuery): Promise<ReviewQueueItemDto[]> {
    this.requireReviewQueue(auth);
    return this.repo.reviewQueue(classListScope(auth), query);
  }

  async reviewSummary(auth: AuthUser, query: ReviewQueueQuery): Promise<ReviewSummaryDto> {
    this.requireReviewQueue(auth);
    return this.repo.reviewSummary(classListScope(auth), query);
  }

  private requireReviewQueue(auth: AuthUser): void {
    if (!allows(auth, Permission.AttemptReviewQueue, { provinceId: auth.provinceId, schoolId: auth.schoolId })) throw new AppError(ErrorCode.Forbidden);
  }

  async review(auth: AuthUser, responseId: string, body: ReviewBody): Promise<ReviewedDto> {
    await this.access.require(auth, Permission.AttemptReview, [responseId], undefined);
    return this.tx.run(async (tx) => {
      const response = found(await this.repo.findResponseForReview(tx, responseId));
      if (response.kind !== 'short_answer' || response.status !== 'submitted')
        throw new AppError(ErrorCode.Conflict, 'Only short answers of submitted attempts are reviewed');
      const maxScore = Number(response.maxScore);
      if (body.score > maxScore)
        throw new AppError(ErrorCode.ValidationFailed, `score: at most ${maxScore}`, [fieldError('score', 'too_big.number', { maximum: maxScore })]);
      await this.repo.review(tx, responseId, body.score, maxScore, body.comment, auth.userId);
      const all = await this.repo.responses(response.attemptId, tx);
      const total = scoreAttempt(all.map((r) => ({ points: Number(r.maxScore), score: r.score === null ? null : Number(r.score) })));
      const before = Number(found(await this.repo.findById(response.attemptId, tx)).percent);
      await this.repo.updateScore(tx, response.attemptId, total);
      await this.rollups.rescored(tx, response.attemptId, before, total.percent);
      await this.audit.record(tx, auth, { action: 'attempt.reviewed', entity: 'response', entityId: responseId, schoolId: auth.schoolId, detail: body });
      return { responseId, attemptId: response.attemptId, score: body.score, attemptScore: total };
    });
  }

  private async key(attemptId: string): Promise<AttemptKey | null> {
    const cached = this.keys.get(attemptId);
    if (cached) return cached;
    const attempt = await this.repo.findById(attemptId);
    if (!attempt) return null;
    if (this.keys.size >= MAX_KEYS) this.keys.delete(this.keys.keys().next().value!);
    const key = { studentId: attempt.studentId, lessonId: attempt.lessonId };
    this.keys.set(attemptId, key);
    return key;
  }

  private async view(attempt: AttemptRow): Promise<AttemptDto> {
    const responses = await this.repo.responses(attempt.id);
    const dto: AttemptDto = {
      attemptId: attempt.id,
      assignmentId: attempt.assignmentId,
      lessonId: attempt.lessonId,
      status: attempt.status,
      responses: Object.fromEntries(responses.filter((r) => r.response !== null).map((r) => [r.itemId, r.response as ItemResponse])),
      startedAt: attempt.startedAt.toISOString(),
      dueAt: attempt.dueAt.toISOString(),
    };
    const result = await this.result(attempt, responses);
    if (result) dto.result = result;
    return dto;
  }

  /** The graded result with feedback and keys: only once the attempt is submitted. */
  private async result(attempt: AttemptRow, responses?: ResponseRow[]): Promise<SubmitResultDto | null> {
    if (attempt.status !== 'submitted') return null;
    const rows = new Map((responses ?? (await this.repo.responses(attempt.id))).map((r) => [r.itemId, r]));
    const items: ItemDto[] = [...(await this.items.itemsOf(attempt.lessonId)).values()];
    const passMark = await this.province.passMark(attempt.provinceId, schoolYearOf(attempt.submittedAt!));
    const percent = Number(attempt.percent);
    return {
      score: Number(attempt.score),
      maxScore: Number(attempt.maxScore),
      percent,
      late: attempt.late,
      passed: percent >= passMark,
      pendingReview: attempt.pendingReview,
      submittedAt: attempt.submittedAt!.toISOString(),
      items: items.map((item) => {
        const row = rows.get(item.id);
        return {
          itemId: item.id,
          // A diagnostic form's key would reach classmates who take this form after the program:
          // per item, a diagnostic shows nothing that tells right from wrong.
          score: row?.score == null || attempt.diagnosticId ? null : Number(row.score),
          maxScore: item.points,
          correct: attempt.diagnosticId ? null : (row?.correct ?? null),
          feedback: attempt.diagnosticId ? '' : item.feedback,
          answer: attempt.diagnosticId ? null : item.answer,
          reviewComment: row?.reviewComment ?? null,
        };
      }),
    };
  }
}
