import { createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ChangePasswordBody, LoginBody, LoginResponse, Me } from '@tinhtao/shared';

import { AuditService } from '../audit/audit.service.js';
import { CONFIG, type Config } from '../config/config.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { AppError, ErrorCode } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { Clock } from '../platform/clock.js';
import { isSealed, verifyOneTimePassword } from '../platform/one-time-password.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../platform/password.js';
import { FAILURE_COUNTER, type WindowCounter } from '../platform/window-counter.js';
import { fieldError } from '../platform/zod.pipe.js';
import { AuthRepository, type LoginRow } from './auth.repository.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** What the access token carries. `sid` ties it to a session that logout revokes. */
export interface AccessClaims {
  sub: string;
  sid: string;
  role: string;
  prov: string;
  sch: string | null;
}

/** The account as the API shows it: never the hash, never the active flag. */
const toMe = (user: Omit<LoginRow, 'passwordHash'>): Me => ({
  id: user.id,
  username: user.username,
  role: user.role,
  fullName: user.fullName,
  provinceId: user.provinceId,
  schoolId: user.schoolId,
  mustChangePassword: user.mustChangePassword,
});

const sha256 = (token: string) => createHash('sha256').update(token).digest();

@Injectable()
export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly tx: TransactionRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(FAILURE_COUNTER) private readonly failures: WindowCounter,
    @Inject(CONFIG) private readonly config: Config,
    private readonly clock: Clock,
  ) {}

  async login(body: LoginBody, client: ClientInfo): Promise<LoginResponse> {
    const keys = [`user:${body.username}`, `ip:${client.ip ?? 'unknown'}`];
    await this.refuseWhileThrottled(keys);
    const user = await this.repo.findUserForLogin(body.username);
    // Verify even for an unknown user, so the time taken does not tell whether it exists.
    const ok = await this.checkPassword(user?.passwordHash ?? null, body.password);
    if (!user || !ok || !user.active) {
      await this.countFailure(keys);
      throw new AppError(ErrorCode.InvalidCredentials, 'Wrong username or password');
    }
    await this.failures.reset(keys[0]);
    return this.tx.run(async (tx) => {
      const sessionId = await this.repo.createSession(tx, user.id, client.ip, client.userAgent);
      const refreshToken = await this.issueRefreshToken(tx, sessionId);
      return this.tokens(user, sessionId, refreshToken);
    });
  }

  /** argon2id, or a sealed one-time password (after the same argon2 work, so the time tells nothing). */
  private async checkPassword(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash && isSealed(passwordHash)) {
      await verifyPassword(await dummyPasswordHash(), password);
      return verifyOneTimePassword(this.config.jwtSecret, passwordHash, password);
    }
    return verifyPassword(passwordHash ?? (await dummyPasswordHash()), password);
  }

  async refresh(refreshToken: string): Promise<LoginResponse> {
    const outcome = await this.tx.run(async (tx) => {
      const row = await this.repo.findRefreshTokenForUpdate(tx, sha256(refreshToken));
      if (!row || row.sessionRevokedAt) return { error: ErrorCode.RefreshInvalid } as const;
      if (row.usedAt) {
        // A spent token came back: someone holds a copy. End the whole family.
        await this.repo.revokeSession(tx, row.sessionId, 'refresh_token_reuse');
        await this.audit.record(tx, null, { action: 'session.revoked_on_reuse', entity: 'user', entityId: row.userId });
        return { error: ErrorCode.RefreshReused } as const;
      }
      if (row.expiresAt.getTime() <= this.clock.nowMs() || !row.userActive) return { error: ErrorCode.RefreshInvalid } as const;
      await this.repo.markRefreshTokenUsed(tx, row.id);
      const next = await this.issueRefreshToken(tx, row.sessionId);
      return { error: null, sessionId: row.sessionId, userId: row.userId, refreshToken: next } as const;
    });
    if (outcome.error) throw new AppError(outcome.error);
    const user = await this.repo.findUserById(outcome.userId);
    if (!user) throw new AppError(ErrorCode.RefreshInvalid);
    return this.tokens(user, outcome.sessionId, outcome.refreshToken);
  }

  /** Revokes the family of the given refresh token, if it belongs to the caller; always succeeds. */
  async logout(auth: AuthUser, refreshToken: string): Promise<void> {
    await this.tx.run(async (tx) => {
      const row = await this.repo.findRefreshTokenForUpdate(tx, sha256(refreshToken));
      if (row && row.userId === auth.userId) await this.repo.revokeSession(tx, row.sessionId, 'logout');
      await this.repo.revokeSession(tx, auth.sessionId, 'logout');
    });
  }

  async me(auth: AuthUser): Promise<Me> {
    const user = await this.repo.findUserById(auth.userId);
    if (!user) throw new AppError(ErrorCode.Unauthenticated);
    return toMe(user);
  }

  /** Changing the password ends every other session of the account. */
  async changePassword(auth: AuthUser, body: ChangePasswordBody): Promise<void> {
    const current = await this.repo.findPasswordHash(auth.userId);
    if (!current || !(await this.checkPassword(current, body.currentPassword)))
      throw new AppError(ErrorCode.WrongPassword, 'The current password is wrong', [fieldError('currentPassword', 'password.wrong')]);
    const next = await hashPassword(body.newPassword);
    await this.tx.run(async (tx) => {
      await this.repo.updatePassword(tx, auth.userId, next, false);
      await this.repo.revokeSessionsOfUser(tx, auth.userId, 'password_changed', auth.sessionId);
      await this.audit.record(tx, auth, { action: 'user.password_changed', entity: 'user', entityId: auth.userId, schoolId: auth.schoolId });
    });
  }

  private async refuseWhileThrottled(keys: string[]): Promise<void> {
    const limits = [this.config.login.maxFailuresPerAccount, this.config.login.maxFailuresPerIp];
    const states = await Promise.all(keys.map((k) => this.failures.get(k)));
    const waitMs = Math.max(0, ...states.map((s, i) => (s.count >= limits[i] ? s.ttlMs : 0)));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new AppError(ErrorCode.TooManyAttempts, `Too many failed sign-ins; try again in ${seconds} s`, undefined, {
        'Retry-After': String(seconds),
      });
    }
  }

  private async countFailure(keys: string[]): Promise<void> {
    const windowMs = this.config.login.lockSeconds * 1000;
    await Promise.all(keys.map((k) => this.failures.increment(k, windowMs)));
  }

  private async issueRefreshToken(tx: Parameters<AuthRepository['insertRefreshToken']>[0], sessionId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.nowMs() + this.config.refreshTokenTtlDays * 86_400_000);
    await this.repo.insertRefreshToken(tx, sessionId, sha256(token), expiresAt);
    return token;
  }

  private tokens(user: Omit<LoginRow, 'passwordHash'>, sessionId: string, refreshToken: string): LoginResponse {
    const claims: AccessClaims = { sub: user.id, sid: sessionId, role: user.role, prov: user.provinceId, sch: user.schoolId };
    return {
      accessToken: this.jwt.sign(claims),
      refreshToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      user: toMe(user),
    };
  }
}
