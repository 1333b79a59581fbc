import { DEFAULT_PROVINCE_YEAR, type Role } from '@tinhtao/shared';
import pg from 'pg';
import { DataSource } from 'typeorm';

import { dataSourceOptions } from '../data-source.js';
import type { Tx } from '../transaction.repository.js';
import { demoPerson } from './people.js';

/** What every organisation write of the seed shares: its transaction, the demo password's hash and the school year. */
export interface SeedContext {
  tx: Tx;
  hash: string;
  year: string;
}

async function insert(tx: Tx, sql: string, params: unknown[]): Promise<string> {
  const rows = await tx.query<{ id: string }[]>(sql, params);
  return rows[0].id;
}

export const insertProvince = (c: SeedContext, code: string, name: string) =>
  insert(c.tx, `INSERT INTO province (code, name) VALUES ($1, $2) RETURNING id`, [code, name]);

export const insertArea = (c: SeedContext, provinceId: string, name: string) =>
  insert(c.tx, `INSERT INTO area (province_id, name) VALUES ($1, $2) RETURNING id`, [provinceId, name]);

export const insertSchool = (c: SeedContext, provinceId: string, areaId: string, name: string, level: string, code: string) =>
  insert(c.tx, `INSERT INTO school (province_id, area_id, name, level, ministry_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
    provinceId,
    areaId,
    name,
    level,
    code,
  ]);

export const insertUser = (c: SeedContext, provinceId: string, schoolId: string | null, role: Role, username: string, fullName: string, gender?: 'M' | 'F') =>
  insert(
    c.tx,
    `INSERT INTO app_user (province_id, school_id, role, username, full_name, password_hash, gender) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [provinceId, schoolId, role, username, fullName, c.hash, gender ?? null],
  );

/** A class of the year with its teacher and students. */
export async function insertClass(c: SeedContext, schoolId: string, name: string, grade: number, teacherId: string, studentIds: string[]): Promise<string> {
  const id = await insert(c.tx, `INSERT INTO school_class (school_id, name, grade, school_year) VALUES ($1, $2, $3, $4) RETURNING id`, [
    schoolId,
    name,
    grade,
    c.year,
  ]);
  await c.tx.query(`INSERT INTO class_teacher (class_id, teacher_id) VALUES ($1, $2)`, [id, teacherId]);
  if (studentIds.length > 0) {
    await c.tx.query(`INSERT INTO enrollment (class_id, student_id, school_year) SELECT $1, unnest($2::uuid[]), $3`, [id, studentIds, c.year]);
  }
  return id;
}

/** Students `prefix`from … `prefix`to, named by `demoPerson`. */
export async function insertStudents(c: SeedContext, provinceId: string, schoolId: string, from: number, to: number, prefix = 'hs'): Promise<string[]> {
  const ids: string[] = [];
  for (let n = from; n <= to; n++) {
    const person = demoPerson(n);
    ids.push(await insertUser(c, provinceId, schoolId, 'student', `${prefix}${n}`, person.fullName, person.gender));
  }
  return ids;
}

export async function insertProvinceYear(c: SeedContext, provinceId: string, targets: typeof DEFAULT_PROVINCE_YEAR.targets, deadline: string): Promise<void> {
  const d = { ...DEFAULT_PROVINCE_YEAR, targets };
  await c.tx.query(
    `INSERT INTO province_year (province_id, school_year, targets, students_reached_target, school_threshold, pass_mark, reporting, report_deadline)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [provinceId, c.year, JSON.stringify(d.targets), d.studentsReachedTarget, d.schoolThreshold, d.passMark, d.reporting, deadline],
  );
}

/**
 * Runs `seed` in one transaction on a database without any province, one seeder at a time even
 * with several nodes starting together. Answers whether the demo accounts are there now.
 */
export async function seedIfNoProvince(databaseUrl: string, clockOffsetMs: number, seed: (tx: Tx) => Promise<void>): Promise<'seeded' | 'present' | 'absent'> {
  const db = new DataSource(dataSourceOptions(databaseUrl, 2, clockOffsetMs));
  await db.initialize();
  try {
    return await db.transaction(async (tx) => {
      await tx.query(`LOCK TABLE province IN EXCLUSIVE MODE`);
      const [{ count }] = await tx.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM province`);
      if (count > 0) {
        const demo = await tx.query<unknown[]>(`SELECT 1 FROM app_user WHERE username = 'so-admin'`);
        return demo.length > 0 ? 'present' : 'absent';
      }
      await seed(tx);
      return 'seeded';
    });
  } finally {
    await db.destroy();
  }
}

/** The codes of the demo provinces the database holds (none in a production database). */
export async function findDemoProvinceCodes(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ code: string }>(`SELECT code FROM province WHERE code IN ('DEMO', 'DEMO2')`);
    return rows.map((r) => r.code);
  } finally {
    await client.end();
  }
}
