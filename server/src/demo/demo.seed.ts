import { DEFAULT_PROVINCE_YEAR, type Role, schoolYearOf } from '@tinhtao/shared';

import { AccessRepository } from '../access/access.repository.js';
import { AccessService } from '../access/access.service.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { ConfigError } from '../config/config.js';
import {
  findDemoProvinceCodes,
  insertArea as area,
  insertClass as schoolClass,
  insertProvince as province,
  insertProvinceYear as provinceYear,
  insertSchool as school,
  insertStudents as students,
  insertUser as user,
  type SeedContext,
  seedIfNoProvince,
} from '../database/seed/organisation.js';
import { seedDemoSchools } from '../database/seed/schools.js';
import type { Tx } from '../database/transaction.repository.js';
import { importStarterLibrary } from '../lessons/starter-import.js';
import type { Clock } from '../platform/clock.js';
import { hashPassword } from '../platform/password.js';
import { seedDemoAudit } from './demo.audit.js';
import { seedDemoDiagnostic } from './demo.diagnostic.js';
import { seedDemoHelper } from './demo.helper.js';
import { seedDemoProgress } from './demo.progress.js';
import { seedDemoTraining } from './demo.training.js';

export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoLogin {
  username: string;
  role: Role;
  what: string;
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

interface Ctx extends SeedContext {
  now: Date;
  audit: AuditService;
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
  await seedDemoSchools(c.tx, p1, [a1, a2, a3, a4], c.year, c.now, c.hash);
  await seedDemoProgress(c.tx, p1, c.year, c.now, [
    { ...class8A1, classId: id8A1 },
    { ...class10A1, classId: id10A1 },
  ]);
  await seedDemoDiagnostic(c.tx, p1, c.year, c.now, soAdmin);
  await seedDemoHelper(c.tx, p1, [a1, a2, a3, a4], c.now, soAdmin);
  await seedDemoTraining(c.tx, p1, c.year, c.now, soAdmin);

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
  const codes = await findDemoProvinceCodes(databaseUrl);
  if (codes.length > 0)
    throw new ConfigError(
      `Refusing to start in production:\n  the database holds the demo province(s) ${codes.join(', ')}, whose accounts have a public password`,
    );
}

/**
 * Seeds the demo data into a database without any province. Answers whether the demo
 * accounts are there now (seeded just now or earlier), so that their logins can be printed.
 */
export async function seedDemoIfEmpty(databaseUrl: string, clock: Clock): Promise<'seeded' | 'present' | 'absent'> {
  const now = clock.now();
  return seedIfNoProvince(databaseUrl, clock.offsetMs, async (tx) =>
    seedOrganisation({ tx, hash: await hashPassword(DEMO_PASSWORD), year: schoolYearOf(now), now, audit: auditWriter(tx) }),
  );
}

/** The app's own audit writer, on the seed's connection. */
function auditWriter(tx: Tx): AuditService {
  return new AuditService(new AccessService(new AccessRepository(tx.connection)), new AuditRepository(tx.connection));
}

export function formatDemoLogins(url: string): string {
  const width = Math.max(...DEMO_LOGINS.map((l) => l.username.length));
  const lines = DEMO_LOGINS.map((l) => `  ${l.username.padEnd(width)}  ${l.role.padEnd(12)}  ${l.what}`);
  return [`Tỉnh Táo demo — ${url}`, `Demo logins (password ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
