import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { Permission } from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthRepository } from '../auth/auth.repository.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { found } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { hashPassword } from '../platform/password.js';
import { PrivacyRepository } from './privacy.repository.js';

export const ERASED_NAME = 'Học sinh đã xoá dữ liệu';

/**
 * Children's personal data under Vietnam's personal data protection rules: a person may have a
 * copy of everything stored about them; a student's data is erased on request, keeping only
 * what the province's reports need, as numbers no one can be found in. (The audit trail is
 * read in audit/.)
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sessions: AuthRepository,
    private readonly repo: PrivacyRepository,
    private readonly tx: TransactionRepository,
    private readonly clock: Clock,
  ) {}

  /** Everything stored about one person, as JSON. */
  async export(auth: AuthUser, userId: string) {
    await this.access.require(auth, Permission.UserExport, [userId]);
    const account = found(await this.repo.findAccount(userId));
    const [enrollments, attempts, responses, live, scheduled, diagnostics, helperShared, sessions, events] = await Promise.all([
      this.repo.enrollmentsOf(userId),
      this.repo.attemptsOf(userId),
      this.repo.responsesOf(userId),
      this.repo.liveContestsOf(userId),
      this.repo.scheduledContestsOf(userId),
      this.repo.diagnosticsOf(userId),
      this.repo.helperSharedOf(userId),
      this.repo.sessionsOf(userId),
      this.repo.auditEventsOf(userId),
    ]);
    await this.audit.record(null, auth, { action: 'user.exported', entity: 'user', entityId: userId, schoolId: account.schoolId });
    return {
      exportedAt: this.clock.now().toISOString(),
      account,
      enrollments,
      attempts: attempts.map((a) => ({ ...a, responses: responses.filter((r) => r.attemptId === a.id) })),
      contests: { live, scheduled },
      diagnostics,
      helperShared,
      sessions,
      auditEvents: events,
    };
  }

  /**
   * Erases a student: name, username, birth date, gender, code and password go; every answer
   * the student wrote goes (and what they shared with teachers from the helper); sessions end. What coverage and contest figures count stays as
   * scores of an account that no longer says who it was, so the province's numbers do not move.
   */
  async erase(auth: AuthUser, userId: string): Promise<{ erased: true }> {
    const facts = (await this.access.require(auth, Permission.UserErase, [userId])).get(userId)!;
    const placeholder = await hashPassword(randomBytes(24).toString('base64url'));
    await this.tx.run(async (tx) => {
      await this.repo.erasePersonalData(tx, userId, ERASED_NAME, placeholder);
      await this.sessions.revokeSessionsOfUser(tx, userId, 'erased');
      await this.audit.record(tx, auth, { action: 'user.erased', entity: 'user', entityId: userId, schoolId: facts.schoolId ?? null });
    });
    return { erased: true };
  }
}
