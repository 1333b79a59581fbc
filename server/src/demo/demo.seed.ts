import { DEFAULT_PROVINCE_YEAR, type Role, schoolYearOf } from '@tinhtao/shared';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import { ConfigError } from '../config/config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { importStarterLibrary } from '../lessons/starter-import.js';
import type { Clock } from '../platform/clock.js';
import { seedDemoAudit } from './demo.audit.js';
import { seedDemoDiagnostic } from './demo.diagnostic.js';
import { seedDemoProgress } from './demo.progress.js';
import { seedDemoSchools } from './demo.schools.js';

export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoLogin {
  username: string;
  role: Role;
  what: string;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Nông', 'Hà'];
/** Middle and given names by gender: "Thị" and "Văn" say it outright, the given names agree. */
const NAMES = {
  F: {
    middle: ['Thị', 'Ngọc', 'Thu', 'Minh', 'Gia', 'Khánh', 'Bảo', 'Thanh'],
    given: ['Chi', 'Hà', 'Hạnh', 'Hoa', 'Lan', 'Linh', 'Mai', 'Ngân', 'Thảo', 'Trang', 'Vy', 'Yến', 'Nhi', 'My', 'Hương'],
  },
  M: {
    middle: ['Văn', 'Đức', 'Quang', 'Minh', 'Gia', 'Khánh', 'Bảo', 'Hữu'],
    given: ['Dũng', 'Hải', 'Hiếu', 'Huy', 'Khoa', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tuấn', 'Đạt', 'Khôi', 'Hùng', 'Thắng'],
  },
} as const;

export interface DemoPerson {
  fullName: string;
  gender: 'M' | 'F';
}

/** Deterministic, realistic people: the n-th is always the same; odd n are boys, even n girls, and their names say so. */
export function demoPerson(n: number): DemoPerson {
  const gender = n % 2 ? 'M' : 'F';
  const { middle, given } = NAMES[gender];
  const k = Math.floor(n / 2);
  return { fullName: `${FAMILY[(n * 7) % FAMILY.length]} ${middle[(k * 3) % middle.length]} ${given[(k * 11) % given.length]}`, gender };
}

/** The demo accounts, printed at every start of a demo database. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { username: 'so-admin', role: 'dept_admin', what: 'Sở GD&ĐT — Tỉnh Demo' },
  { username: 'thcs1-admin', role: 'school_admin', what: 'Trường THCS Đông Kinh' },
  { username: 'thcs2-admin', role: 'school_admin', what: 'Trường THCS Chi Lăng' },
  { username: 'thpt1-admin', role: 'school_admin', what: 'Trường THPT Việt Bắc' },
  { username: 'gv1', role: 'teacher', what: 'lớp 8A1, THCS Đông Kinh (hs1 … hs30)' },
  { username: 'gv2', role: 'teacher', what: 'lớp 7A1, THCS Chi Lăng (hs31 … hs40)' },
  { username: 'gv3', role: 'teacher', what: 'lớp 10A1, THPT Việt Bắc (hs41 … hs50)' },
  { username: 'hs1 … hs50', role: 'student', what: 'học sinh' },
  { username: 'so2-admin', role: 'dept_admin', what: 'Sở GD&ĐT — Tỉnh Demo 2 (qt-admin, gv-qt1, qt-hs1 … qt-hs5)' },
];

interface Ctx {
  tx: EntityManager;
  hash: string;
  year: string;
  now: Date;
  audit: AuditService;
}

async function insert(tx: EntityManager, sql: string, params: unknown[]): Promise<string> {
  const rows = await tx.query(sql, params);
  return rows[0].id;
}

const province = (c: Ctx, code: string, name: string) => insert(c.tx, `INSERT INTO province (code, name) VALUES ($1, $2) RETURNING id`, [code, name]);
const area = (c: Ctx, provinceId: string, name: string) =>
  insert(c.tx, `INSERT INTO area (province_id, name) VALUES ($1, $2) RETURNING id`, [provinceId, name]);
const school = (c: Ctx, provinceId: string, areaId: string, name: string, level: string, code: string) =>
  insert(c.tx, `INSERT INTO school (province_id, area_id, name, level, ministry_code) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
    provinceId,
    areaId,
    name,
    level,
    code,
  ]);
const user = (c: Ctx, provinceId: string, schoolId: string | null, role: Role, username: string, fullName: string, gender?: 'M' | 'F') =>
  insert(
    c.tx,
    `INSERT INTO app_user (province_id, school_id, role, username, full_name, password_hash, gender) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [provinceId, schoolId, role, username, fullName, c.hash, gender ?? null],
  );

async function schoolClass(c: Ctx, schoolId: string, name: string, grade: number, teacherId: string, studentIds: string[]) {
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

async function students(c: Ctx, provinceId: string, schoolId: string, from: number, to: number, prefix = 'hs') {
  const ids: string[] = [];
  for (let n = from; n <= to; n++) {
    const person = demoPerson(n);
    ids.push(await user(c, provinceId, schoolId, 'student', `${prefix}${n}`, person.fullName, person.gender));
  }
  return ids;
}

async function provinceYear(c: Ctx, provinceId: string, targets: typeof DEFAULT_PROVINCE_YEAR.targets, deadline: string) {
  const d = { ...DEFAULT_PROVINCE_YEAR, targets };
  await c.tx.query(
    `INSERT INTO province_year (province_id, school_year, targets, students_reached_target, school_threshold, pass_mark, reporting, report_deadline)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [provinceId, c.year, JSON.stringify(d.targets), d.studentsReachedTarget, d.schoolThreshold, d.passMark, d.reporting, deadline],
  );
}

/** The demo province of DESIGN §5, so that every scope boundary can be tried by hand. */
async function seedOrganisation(c: Ctx): Promise<void> {
  const [startYear] = c.year.split('-').map(Number);
  const p1 = await province(c, 'DEMO', 'Tỉnh Demo');
  const a1 = await area(c, p1, 'Phường Đông Kinh');
  const a2 = await area(c, p1, 'Xã Chi Lăng');
  await provinceYear(c, p1, { SAFETY: { THCS: 100, THPT: 100 }, MEDIA_LITERACY: { THCS: 100, THPT: 100 } }, `${startYear}-12-15`);
  const soAdmin = await user(c, p1, null, 'dept_admin', 'so-admin', 'Lương Thị Thanh Hà', 'F');
  await importStarterLibrary(c.tx, p1, c.year, soAdmin);

  const thcs1 = await school(c, p1, a1, 'Trường THCS Đông Kinh', 'THCS', '20000101');
  const thcs2 = await school(c, p1, a2, 'Trường THCS Chi Lăng', 'THCS', '20000102');
  const thpt1 = await school(c, p1, a1, 'Trường THPT Việt Bắc', 'THPT', '20000201');
  await user(c, p1, thcs1, 'school_admin', 'thcs1-admin', 'Hoàng Văn Minh', 'M');
  await user(c, p1, thcs2, 'school_admin', 'thcs2-admin', 'Nông Thị Hằng', 'F');
  await user(c, p1, thpt1, 'school_admin', 'thpt1-admin', 'Vi Văn Thắng', 'M');
  const gv1 = await user(c, p1, thcs1, 'teacher', 'gv1', 'Nguyễn Thị Lan', 'F');
  const gv2 = await user(c, p1, thcs2, 'teacher', 'gv2', 'Trần Văn Hùng', 'M');
  const gv3 = await user(c, p1, thpt1, 'teacher', 'gv3', 'Lê Thu Trang', 'F');
  const class8A1 = { teacherId: gv1, schoolId: thcs1, level: 'THCS' as const, studentIds: await students(c, p1, thcs1, 1, 30) };
  const id8A1 = await schoolClass(c, thcs1, '8A1', 8, gv1, class8A1.studentIds);
  await schoolClass(c, thcs2, '7A1', 7, gv2, await students(c, p1, thcs2, 31, 40));
  const class10A1 = { teacherId: gv3, schoolId: thpt1, level: 'THPT' as const, studentIds: await students(c, p1, thpt1, 41, 50) };
  const id10A1 = await schoolClass(c, thpt1, '10A1', 10, gv3, class10A1.studentIds);
  const a3 = await area(c, p1, 'Phường Tam Thanh');
  const a4 = await area(c, p1, 'Xã Mẫu Sơn');
  await seedDemoSchools(c.tx, p1, [a1, a2, a3, a4], c.year, c.now, c.hash, demoPerson);
  await seedDemoProgress(c.tx, p1, c.year, c.now, [
    { ...class8A1, classId: id8A1 },
    { ...class10A1, classId: id10A1 },
  ]);
  await seedDemoDiagnostic(c.tx, p1, c.year, c.now, soAdmin);

  const p2 = await province(c, 'DEMO2', 'Tỉnh Demo 2');
  const b1 = await area(c, p2, 'Phường Quyết Thắng');
  await provinceYear(c, p2, DEFAULT_PROVINCE_YEAR.targets, `${startYear}-12-05`);
  const so2Admin = await user(c, p2, null, 'dept_admin', 'so2-admin', 'Y Bình', 'F');
  await importStarterLibrary(c.tx, p2, c.year, so2Admin);
  const p2school = await school(c, p2, b1, 'Trường THCS Quang Trung', 'THCS', '62000101');
  await user(c, p2, p2school, 'school_admin', 'qt-admin', 'A Thuận', 'M');
  const gvQt = await user(c, p2, p2school, 'teacher', 'gv-qt1', 'Đinh Thị Nga', 'F');
  await schoolClass(c, p2school, '9A1', 9, gvQt, await students(c, p2, p2school, 1, 5, 'qt-hs'));
  await seedDemoAudit(c.tx, c.audit, c.year, c.now);
}

/** Production never runs on a database that holds the demo provinces (their passwords are public). */
export async function refuseDemoData(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT code FROM province WHERE code IN ('DEMO', 'DEMO2')`);
    if (rows.length > 0)
      throw new ConfigError(
        `Refusing to start in production:\n  the database holds the demo province(s) ${rows.map((r) => r.code).join(', ')}, whose accounts have a public password`,
      );
  } finally {
    await client.end();
  }
}

/**
 * Seeds the demo data into a database without any province. Answers whether the demo
 * accounts are there now (seeded just now or earlier), so that their logins can be printed.
 */
export async function seedDemoIfEmpty(databaseUrl: string, clock: Clock): Promise<'seeded' | 'present' | 'absent'> {
  const now = clock.now();
  const db = new DataSource(dataSourceOptions(databaseUrl, 2, clock.offsetMs));
  await db.initialize();
  try {
    return await db.transaction(async (tx) => {
      // One seeder at a time, even with several nodes starting together.
      await tx.query(`LOCK TABLE province IN EXCLUSIVE MODE`);
      const [{ count }] = await tx.query(`SELECT count(*)::int AS count FROM province`);
      if (count > 0) {
        const demo = await tx.query(`SELECT 1 FROM app_user WHERE username = 'so-admin'`);
        return demo.length > 0 ? 'present' : 'absent';
      }
      await seedOrganisation({ tx, hash: await hashPassword(DEMO_PASSWORD), year: schoolYearOf(now), now, audit: new AuditService(db) });
      return 'seeded';
    });
  } finally {
    await db.destroy();
  }
}

export function formatDemoLogins(url: string): string {
  const width = Math.max(...DEMO_LOGINS.map((l) => l.username.length));
  const lines = DEMO_LOGINS.map((l) => `  ${l.username.padEnd(width)}  ${l.role.padEnd(12)}  ${l.what}`);
  return [`Tỉnh Táo demo — ${url}`, `Demo logins (password ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
