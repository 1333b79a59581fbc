import { Inject, Injectable } from '@nestjs/common';
import {
  type CreatedUserDto,
  type CreateUserBody,
  type PasswordResetDto,
  Permission,
  type ScopeFacts,
  type UpdateUserBody,
  type UserListQuery,
  userListScope,
} from '@tinhtao/shared';

import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthRepository } from '../auth/auth.repository.js';
import { CONFIG, type Config } from '../config/config.js';
import { TransactionRepository } from '../database/transaction.repository.js';
import { AppError, ErrorCode, notFound } from '../platform/app-error.js';
import type { AuthUser } from '../platform/auth.decorators.js';
import { sealOneTimePassword } from '../platform/one-time-password.js';
import { generateTemporaryPassword, hashPassword } from '../platform/password.js';
import { fieldError } from '../platform/zod.pipe.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly access: AccessService,
    private readonly repo: UsersRepository,
    private readonly sessions: AuthRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  list(auth: AuthUser, query: UserListQuery) {
    return this.repo.list(userListScope(auth), query);
  }

  async get(auth: AuthUser, id: string) {
    await this.access.require(auth, Permission.UserRead, [id]);
    return this.found(id);
  }

  async create(auth: AuthUser, body: CreateUserBody): Promise<CreatedUserDto> {
    let facts: ScopeFacts = { provinceId: auth.provinceId, schoolId: null, role: body.role };
    if (body.schoolId) {
      const school = (await this.access.require(auth, Permission.SchoolRead, [body.schoolId])).get(body.schoolId)!;
      facts = { provinceId: school.provinceId, schoolId: body.schoolId, role: body.role };
    }
    this.access.requireFacts(auth, Permission.UserManage, facts);
    if (await this.repo.usernameTaken(body.username)) {
      throw new AppError(ErrorCode.UsernameTaken, `The username ${body.username} is taken`, [fieldError('username', 'taken.username')]);
    }
    const temporaryPassword = body.password ? undefined : generateTemporaryPassword();
    const passwordHash = temporaryPassword ? sealOneTimePassword(this.config.jwtSecret, temporaryPassword) : await hashPassword(body.password!);
    const id = await this.tx.run(async (tx) => {
      const newId = await this.repo.insert(tx, {
        provinceId: facts.provinceId,
        schoolId: facts.schoolId,
        role: body.role,
        username: body.username,
        fullName: body.fullName,
        passwordHash,
        mustChangePassword: temporaryPassword !== undefined,
        birthDate: body.birthDate,
        gender: body.gender,
      });
      const { password: _, ...detail } = body;
      await this.audit.record(tx, auth, { action: 'user.created', entity: 'user', entityId: newId, schoolId: facts.schoolId, detail });
      return newId;
    });
    const user = await this.found(id);
    return temporaryPassword ? { ...user, temporaryPassword } : user;
  }

  async update(auth: AuthUser, id: string, body: UpdateUserBody) {
    const facts = (await this.access.require(auth, Permission.UserManage, [id])).get(id)!;
    await this.tx.run(async (tx) => {
      await this.repo.update(tx, id, body);
      if (body.active === false) await this.sessions.revokeSessionsOfUser(tx, id, 'deactivated');
      await this.audit.record(tx, auth, { action: 'user.updated', entity: 'user', entityId: id, schoolId: facts.schoolId, detail: body });
    });
    return this.found(id);
  }

  /** Accounts are deactivated, never deleted: their history stays readable. */
  async deactivate(auth: AuthUser, id: string): Promise<void> {
    await this.update(auth, id, { active: false });
  }

  async resetPassword(auth: AuthUser, id: string): Promise<PasswordResetDto> {
    const facts = (await this.access.require(auth, Permission.UserResetPassword, [id])).get(id)!;
    const user = await this.found(id);
    // Sealed, not hashed: the class's login cards show it until the student sets their own.
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = sealOneTimePassword(this.config.jwtSecret, temporaryPassword);
    await this.tx.run(async (tx) => {
      await this.repo.setPassword(tx, id, passwordHash, true);
      await this.sessions.revokeSessionsOfUser(tx, id, 'password_reset');
      await this.audit.record(tx, auth, { action: 'user.password_reset', entity: 'user', entityId: id, schoolId: facts.schoolId });
    });
    return { username: user.username, temporaryPassword };
  }

  private async found(id: string) {
    const user = await this.repo.findById(id);
    if (!user) throw notFound('user');
    return user;
  }
}
