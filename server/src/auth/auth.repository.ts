import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role, SchoolLevel } from '@tinhtao/shared';
import type { DataSource, EntityManager } from 'typeorm';

export interface LoginRow {
  id: string;
  username: string;
  role: Role;
  fullName: string;
  provinceId: string;
  schoolId: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  active: boolean;
}

export interface RefreshRow {
  id: string;
  sessionId: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
  sessionRevokedAt: Date | null;
  userActive: boolean;
}

const USER_COLUMNS = `u.id, u.username, u.role, u.full_name AS "fullName", u.province_id AS "provinceId",
  u.school_id AS "schoolId", u.must_change_password AS "mustChangePassword", u.active`;

@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findUserForLogin(username: string): Promise<LoginRow | null> {
    const rows = await this.db.query<LoginRow[]>(`SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash" FROM app_user u WHERE u.username = $1`, [username]);
    return rows[0] ?? null;
  }

  async findUserById(id: string): Promise<Omit<LoginRow, 'passwordHash'> | null> {
    const rows = await this.db.query<Omit<LoginRow, 'passwordHash'>[]>(`SELECT ${USER_COLUMNS} FROM app_user u WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findPasswordHash(userId: string): Promise<string | null> {
    const rows = await this.db.query<{ password_hash: string }[]>(`SELECT password_hash FROM app_user WHERE id = $1`, [userId]);
    return rows[0]?.password_hash ?? null;
  }

  /** The caller of an access token, if its session is live and the account active. */
  async findActiveSessionUser(sessionId: string, userId: string): Promise<(Omit<LoginRow, 'passwordHash'> & { schoolLevel: SchoolLevel | null }) | null> {
    const rows = await this.db.query<(Omit<LoginRow, 'passwordHash'> & { schoolLevel: SchoolLevel | null })[]>(
      `SELECT ${USER_COLUMNS}, (SELECT level FROM school WHERE id = u.school_id) AS "schoolLevel"
         FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND u.active`,
      [sessionId, userId],
    );
    return rows[0] ?? null;
  }

  async createSession(tx: EntityManager, userId: string, ip: string | null, userAgent: string | null): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(`INSERT INTO auth_session (user_id, ip, user_agent) VALUES ($1, $2, $3) RETURNING id`, [
      userId,
      ip,
      userAgent?.slice(0, 300) ?? null,
    ]);
    return rows[0].id;
  }

  async insertRefreshToken(tx: EntityManager, sessionId: string, tokenHash: Buffer, expiresAt: Date): Promise<void> {
    await tx.query(`INSERT INTO refresh_token (session_id, token_hash, expires_at) VALUES ($1, $2, $3)`, [sessionId, tokenHash, expiresAt]);
  }

  /** Locks the token row so that two refreshes with one token cannot both succeed. */
  async findRefreshTokenForUpdate(tx: EntityManager, tokenHash: Buffer): Promise<RefreshRow | null> {
    const rows = await tx.query<RefreshRow[]>(
      `SELECT r.id, r.session_id AS "sessionId", s.user_id AS "userId", r.expires_at AS "expiresAt",
              r.used_at AS "usedAt", s.revoked_at AS "sessionRevokedAt", u.active AS "userActive"
         FROM refresh_token r JOIN auth_session s ON s.id = r.session_id JOIN app_user u ON u.id = s.user_id
        WHERE r.token_hash = $1 FOR UPDATE OF r`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async markRefreshTokenUsed(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE refresh_token SET used_at = app_now() WHERE id = $1`, [id]);
  }

  async revokeSession(tx: EntityManager | null, sessionId: string, reason: string): Promise<void> {
    await (tx ?? this.db).query(`UPDATE auth_session SET revoked_at = app_now(), revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, reason]);
  }

  async revokeSessionsOfUser(tx: EntityManager | null, userId: string, reason: string, exceptSessionId?: string): Promise<void> {
    await (tx ?? this.db).query(
      `UPDATE auth_session SET revoked_at = app_now(), revoke_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, exceptSessionId ?? null],
    );
  }

  async updatePassword(tx: EntityManager, userId: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await tx.query(`UPDATE app_user SET password_hash = $2, must_change_password = $3, updated_at = app_now() WHERE id = $1`, [
      userId,
      passwordHash,
      mustChange,
    ]);
  }
}
