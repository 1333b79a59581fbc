import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What a card says of a student; the password is sealed until the student sets their own. */
export interface LoginCardRow {
  fullName: string;
  username: string;
  passwordHash: string;
  mustChangePassword: boolean;
}

/** The class a sheet of cards is for. */
export interface LoginCardClassRow {
  name: string;
  schoolYear: string;
  schoolName: string;
}

/** What a class's login cards print. */
@Injectable()
export class LoginCardsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findClass(classId: string): Promise<LoginCardClassRow | null> {
    const rows = await this.db.query<LoginCardClassRow[]>(
      `SELECT c.name, c.school_year AS "schoolYear", s.name AS "schoolName" FROM school_class c JOIN school s ON s.id = c.school_id WHERE c.id = $1`,
      [classId],
    );
    return rows[0] ?? null;
  }

  /** The class's active students, by given name (the last word) in Vietnamese order. */
  cardsOfClass(classId: string): Promise<LoginCardRow[]> {
    return this.db.query<LoginCardRow[]>(
      `SELECT u.full_name AS "fullName", u.username, u.password_hash AS "passwordHash", u.must_change_password AS "mustChangePassword"
         FROM enrollment e JOIN app_user u ON u.id = e.student_id WHERE e.class_id = $1 AND u.active ORDER BY split_part(u.full_name, ' ', -1) COLLATE vi_vn, u.full_name COLLATE vi_vn, u.username`,
      [classId],
    );
  }
}
