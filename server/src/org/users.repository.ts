import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ListScope, Page, Role, UpdateUserBody, UserDto, UserListQuery } from '@tinhtao/shared';
import type { DataSource } from 'typeorm';

import type { Tx } from '../database/transaction.repository.js';
import { USER_COLUMNS } from './org.mappers.js';

export interface NewUser {
  provinceId: string;
  schoolId: string | null;
  role: Role;
  username: string;
  fullName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  birthDate?: string | null;
  gender?: 'M' | 'F' | null;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The accounts in the scope (`userListScope`), narrowed by the query. */
  async list(scope: ListScope, query: UserListQuery): Promise<Page<UserDto>> {
    if (scope.kind === 'none') return { items: [], total: 0 };
    const params: unknown[] = [scope.provinceId];
    const where = ['u.province_id = $1'];
    switch (scope.kind) {
      case 'province':
        break;
      case 'school':
        where.push(`u.school_id = $${params.push(scope.schoolId)}`);
        break;
      case 'teacher': {
        // Self, colleagues, and the students of own classes.
        const self = params.push(scope.teacherId);
        const school = params.push(scope.schoolId);
        where.push(`(u.id = $${self} OR (u.school_id = $${school} AND u.role <> 'student') OR EXISTS (
          SELECT 1 FROM enrollment e JOIN class_teacher t ON t.class_id = e.class_id
           WHERE e.student_id = u.id AND t.teacher_id = $${self}))`);
        break;
      }
      case 'student':
        where.push(`u.id = $${params.push(scope.studentId)}`);
        break;
    }
    if (query.role) where.push(`u.role = $${params.push(query.role)}`);
    if (query.schoolId) where.push(`u.school_id = $${params.push(query.schoolId)}`);
    if (query.classId) where.push(`EXISTS (SELECT 1 FROM enrollment e WHERE e.student_id = u.id AND e.class_id = $${params.push(query.classId)})`);
    if (query.q) where.push(`(u.full_name ILIKE $${params.push(`%${query.q}%`)} OR u.username ILIKE $${params.length})`);
    const rows = await this.db.query<(UserDto & { total: number })[]>(
      `SELECT ${USER_COLUMNS}, count(*) OVER()::int AS total FROM app_user u WHERE ${where.join(' AND ')}
        ORDER BY u.role, u.full_name COLLATE vi_vn, u.id LIMIT $${params.push(query.limit)} OFFSET $${params.push(query.offset)}`,
      params,
    );
    return { items: rows.map(({ total: _, ...u }) => u), total: rows[0]?.total ?? 0 };
  }

  async findById(id: string): Promise<UserDto | null> {
    const rows = await this.db.query<UserDto[]>(`SELECT ${USER_COLUMNS} FROM app_user u WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async usernameTaken(username: string): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(`SELECT 1 FROM app_user WHERE username = $1`, [username]);
    return rows.length > 0;
  }

  async insert(tx: Tx, u: NewUser): Promise<string> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO app_user (province_id, school_id, role, username, full_name, password_hash, must_change_password, birth_date, gender)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [u.provinceId, u.schoolId, u.role, u.username, u.fullName, u.passwordHash, u.mustChangePassword, u.birthDate ?? null, u.gender ?? null],
    );
    return rows[0].id;
  }

  async update(tx: Tx, id: string, body: UpdateUserBody): Promise<void> {
    await tx.query(
      `UPDATE app_user SET full_name = COALESCE($2, full_name), active = COALESCE($3, active),
              birth_date = CASE WHEN $4::boolean THEN $5::date ELSE birth_date END,
              gender = CASE WHEN $6::boolean THEN $7 ELSE gender END, updated_at = app_now()
        WHERE id = $1`,
      [id, body.fullName ?? null, body.active ?? null, body.birthDate !== undefined, body.birthDate ?? null, body.gender !== undefined, body.gender ?? null],
    );
  }

  async setPassword(tx: Tx, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await tx.query(`UPDATE app_user SET password_hash = $2, must_change_password = $3, updated_at = app_now() WHERE id = $1`, [id, passwordHash, mustChange]);
  }
}
