// A Hà Nội-sized province for the coverage benchmark (issue 6): 1,000 schools, 25,000 classes,
// 1,000,000 students, 4 published curricula (THCS/THPT × SAFETY/MEDIA_LITERACY, 4 required
// lessons + 1 optional each) and about 9-10 million attempts, written with a handful of set-based
// INSERT … SELECT generate_series statements into the real (logged) tables of a migrated database,
// then `coverage_rebuild` for the roll-ups and VACUUM ANALYZE.
//
//   node test/load/coverage-gen.mjs [--schools N] [--classes N] [--students N] [--seed-demo] [--drop]
//
// creates a fresh database tt_bench_cov_… on DATABASE_URL (an admin URL, by default
// postgres://postgres@127.0.0.1:5432/test), migrates it with the built server's CLI, generates,
// prints the time of each phase, the counts and the database size, and keeps the database
// (printing its URL) unless --drop. `generateCoverageProvince(url, options)` does the same on a
// database that already exists and is migrated (with or without the demo data).
//
// How the data is made, so that it is fast and reproducible:
// - Every id is a deterministic RFC 9562 version-8 UUID `<run>-<tag>-8000-8000-<n in hex>`: the
//   run prefix is random (two runs into one database never collide), the tag names the table and
//   n the row. So the n-th student's id is known without a join and every insert is generated
//   straight from generate_series. Attempts go in student-position-major order (the first student
//   of every class of a chunk of schools, then the second, …): a class's attempts are spread over
//   the table, as attempts made over weeks by a whole province are, and the attempt indexes fill
//   to about two thirds, as random v4 ids (the server's) leave them.
// - Every "random" choice is a hash of the row's numbers (hashint8extended), so the same options
//   give the same province every time: the benchmark compares like with like.
// - No `response` rows: 10M attempts × 6 items would be 60M rows, and the coverage path (the
//   roll-ups and coverage_rebuild) reads attempts only. An attempt's score, max_score and percent
//   are written directly, as a submit leaves them.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { hash } from '@node-rs/argon2';
import pg from 'pg';

import { databaseUrl, ROOT, SERVER_CLI, uniqueDatabaseName, withAdmin } from '../support/db-admin.mjs';

export const BENCH_PASSWORD = 'Bench@2026';
const YEAR = '2026-2027';
/** The first lessons open on this day; nothing is submitted after END (the report's "now" is later). */
const T0 = `timestamptz '2026-09-05 07:00+07'`;
const END = `timestamptz '2026-11-20 20:00+07'`;
const TARGETS = { SAFETY: { THCS: 80, THPT: 80 }, MEDIA_LITERACY: { THCS: 50, THPT: 50 } };
const KINDS = ['SAFETY', 'MEDIA_LITERACY'];
const LEVELS = ['THCS', 'THPT'];
/** Lessons per curriculum: positions 0-3 required, 4 optional. Items per lesson, 2 points each. */
const LESSONS_PER_CURRICULUM = 5;
const REQUIRED_PER_CURRICULUM = 4;
const ITEMS_PER_LESSON = 6;
const MAX_SCORE = ITEMS_PER_LESSON * 2;
const CONTEST_QUESTIONS = 5;
const SECONDS_PER_QUESTION = 20;

const TAG = {
  province: '0000',
  area: '0001',
  school: '0002',
  schoolClass: '0003',
  student: '0004',
  teacher: '0005',
  schoolAdmin: '0006',
  deptAdmin: '0007',
  item: '0008',
  lesson: '0009',
  curriculum: '000a',
  version: '000b',
  assignment: '000c',
  attempt: '000d',
  contest: '000e',
  session: '000f',
  entry: '0010',
};

const AREAS = [
  'Ba Đình',
  'Hoàn Kiếm',
  'Tây Hồ',
  'Long Biên',
  'Cầu Giấy',
  'Đống Đa',
  'Hai Bà Trưng',
  'Hoàng Mai',
  'Thanh Xuân',
  'Nam Từ Liêm',
  'Bắc Từ Liêm',
  'Hà Đông',
  'Sơn Tây',
  'Ba Vì',
  'Phúc Thọ',
  'Đan Phượng',
  'Hoài Đức',
  'Quốc Oai',
  'Thạch Thất',
  'Chương Mỹ',
  'Thanh Oai',
  'Thường Tín',
  'Phú Xuyên',
  'Ứng Hòa',
  'Mỹ Đức',
  'Sóc Sơn',
  'Đông Anh',
  'Gia Lâm',
  'Mê Linh',
  'Thanh Trì',
];
const TOPICS = {
  SAFETY: [
    'Mật khẩu mạnh và xác thực hai lớp',
    'Nhận diện lừa đảo trực tuyến',
    'Bảo vệ thông tin cá nhân',
    'Ứng xử khi bị bắt nạt trên mạng',
    'Chơi game và dùng mạng xã hội lành mạnh',
  ],
  MEDIA_LITERACY: ['Tin giả và tin thật', 'Kiểm chứng nguồn tin', 'Ảnh và video bị chỉnh sửa', 'Quảng cáo trá hình', 'Thuật toán và bong bóng lọc'],
};
// The demo seed's name parts (server/src/demo/demo.seed.ts), so that generated students look alike.
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Nông', 'Hà'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Gia', 'Ngọc', 'Đức', 'Thu', 'Quang', 'Khánh', 'Bảo'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Huy',
  'Khoa',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Ngân',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
  'Đạt',
  'Nhi',
  'Khôi',
  'My',
];

/** A SQL string literal. */
const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
const sqlArray = (xs) => `ARRAY[${xs.map(lit).join(', ')}]`;
/** A person's name from three name lists, by a number (as the demo seed does). */
const nameSql = (n) =>
  `(${sqlArray(FAMILY)})[1 + ((${n}) * 7) % ${FAMILY.length}] || ' ' || (${sqlArray(MIDDLE)})[1 + ((${n}) * 3) % ${MIDDLE.length}] || ' ' || (${sqlArray(GIVEN)})[1 + ((${n}) * 11) % ${GIVEN.length}]`;
/** A uniform number in [0, 1) from a bigint and a seed: the same inputs, the same number. */
const U = (expr, seed) => `((hashint8extended((${expr})::int8, (${seed})::int8) & 16777215)::float8 / 16777216.0)`;

const fmtMs = (ms) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(1)} s`);
const fmtBytes = (b) => `${(b / 2 ** 30).toFixed(2)} GiB (${(b / 2 ** 20).toFixed(0)} MiB)`;
const int = (n) => Number(n).toLocaleString('en-US');

/**
 * Generates the province into `databaseUrl` (migrated, with or without the demo data).
 * `classesPerSchool` classes of `studentsPerClass` per school; 60% THCS (grades 6-9), 40% THPT
 * (grades 10-12); `teachersPerSchool` teachers (1.6 per class by default), the first one per
 * class its teacher.
 */
export async function generateCoverageProvince(
  databaseUrl,
  {
    schools = 1000,
    classesPerSchool = 25,
    studentsPerClass = 40,
    teachersPerSchool = Math.max(1, Math.round(classesPerSchool * 1.6)),
    areas = Math.min(AREAS.length, Math.max(1, Math.round(schools / 33))),
    contests = Math.max(6, Math.round(schools * 0.3)),
    provinceCode = 'BENCH-HN',
    provinceName = 'Thành phố Hà Nội (benchmark)',
    deptUsername = 'bench-so',
    log = console.log,
  } = {},
) {
  const S = schools,
    C = classesPerSchool,
    N = studentsPerClass,
    T = teachersPerSchool;
  const run = randomBytes(4).toString('hex');
  /** The deterministic id of row `n` (a SQL expression) of a table. */
  const id = (tag, n) => `('${run}-${TAG[tag]}-8000-8000-' || lpad(to_hex((${n})::int8), 12, '0'))::uuid`;
  const provinceId = `${run}-${TAG.province}-8000-8000-000000000000`;
  const prov = `'${provinceId}'::uuid`;
  const timings = {};
  const counts = {};

  const db = new pg.Client({ connectionString: databaseUrl, application_name: 'coverage-gen' });
  await db.connect();
  // Bulk load settings of this session only: commits do not wait for the WAL flush (a crash would
  // lose the last transactions of a benchmark database, nothing else), and sorts stay in memory.
  await db.query(`SET synchronous_commit = off; SET work_mem = '128MB'; SET maintenance_work_mem = '1GB'`);
  const q = async (sql, params) => db.query(sql, params);
  /** Runs a statement and returns its row count. */
  const rows = async (sql, params) => (await db.query(sql, params)).rowCount;
  const phase = async (name, work) => {
    const t0 = performance.now();
    const note = await work();
    timings[name] = Math.round(performance.now() - t0);
    log(`  ${name.padEnd(18)} ${fmtMs(timings[name]).padStart(12)}${note ? `  ${note}` : ''}`);
  };
  /** One transaction. */
  const tx = async (work) => {
    await q('BEGIN');
    try {
      const out = await work();
      await q('COMMIT');
      return out;
    } catch (error) {
      await q('ROLLBACK');
      throw error;
    }
  };

  log(`Generating ${int(S)} schools × ${C} classes × ${N} students (run ${run}, province ${provinceCode})`);
  const totalStart = performance.now();
  try {
    const passwordHash = await hash(BENCH_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 }); // as server/src/platform/password.ts

    // ---- The province, its areas and year, the Department's admin, schools, staff and classes.
    await phase('organisation', () =>
      tx(async () => {
        await q(`INSERT INTO province (id, code, name) VALUES (${prov}, $1, $2)`, [provinceCode, provinceName]);
        counts.areas = await rows(
          `INSERT INTO area (id, province_id, name, code)
           SELECT ${id('area', 'a')}, ${prov}, 'Khu vực ' || (${sqlArray(AREAS)})[a + 1], lpad((a + 1)::text, 3, '0') FROM generate_series(0, ${areas - 1}) a`,
        );
        await q(
          `INSERT INTO province_year (province_id, school_year, targets, students_reached_target, school_threshold, pass_mark, reporting, report_deadline)
           VALUES (${prov}, $1, $2, 100, 80, 50, 'annual', '2027-11-15')`,
          [YEAR, JSON.stringify(TARGETS)],
        );
        await q(
          `INSERT INTO app_user (id, province_id, role, username, full_name, password_hash, gender)
           VALUES (${id('deptAdmin', 0)}, ${prov}, 'dept_admin', $1, 'Sở GD&ĐT (benchmark)', $2, 'F')`,
          [deptUsername, passwordHash],
        );
        // Per school: its level (2 in 5 THPT), its area and how well it does its programs. Tiers:
        // 20% near 100%, 58% around the 80% threshold, 22% far below. MEDIA_LITERACY (target 50%)
        // runs a little behind SAFETY (target 80%); see bench_plan.
        await q(`
          CREATE TEMP TABLE bench_school AS
          SELECT s, lvl, s % ${areas} AS area, tier,
            CASE tier WHEN 'high' THEN 0.97 + 0.03 * v WHEN 'mid' THEN 0.78 + 0.20 * v ELSE 0.45 + 0.40 * v END AS submit_rate,
            CASE tier WHEN 'high' THEN 0.93 + 0.05 * w WHEN 'mid' THEN 0.84 + 0.10 * w ELSE 0.66 + 0.16 * w END AS pass_rate,
            CASE tier WHEN 'high' THEN 0.0 WHEN 'mid' THEN 0.05 ELSE 0.40 END AS lack_prob,
            CASE tier WHEN 'high' THEN 0.95 WHEN 'mid' THEN 0.85 ELSE 0.40 END AS optional_prob,
            CASE tier WHEN 'high' THEN 0.50 WHEN 'mid' THEN 0.45 ELSE 0.25 END AS review_prob
          FROM (SELECT s, CASE WHEN s % 5 IN (1, 3) THEN 1 ELSE 0 END AS lvl,
                       CASE WHEN ${U('s', 11)} < 0.20 THEN 'high' WHEN ${U('s', 11)} < 0.78 THEN 'mid' ELSE 'low' END AS tier,
                       ${U('s', 12)} AS v, ${U('s', 13)} AS w
                  FROM generate_series(0, ${S - 1}) s) x`);
        await q(`
          CREATE TEMP TABLE bench_class AS
          SELECT s * ${C} + k AS c, s, k, lvl,
                 CASE lvl WHEN 0 THEN 6 + k % 4 ELSE 10 + k % 3 END AS grade,
                 CASE lvl WHEN 0 THEN k / 4 ELSE k / 3 END + 1 AS section,
                 s * ${T} + k % ${T} AS teacher_no
            FROM bench_school CROSS JOIN generate_series(0, ${C - 1}) k ORDER BY 1`);
        counts.schools = await rows(`
          INSERT INTO school (id, province_id, area_id, name, level, ministry_code, address)
          SELECT ${id('school', 's')}, ${prov}, ${id('area', 'area')},
                 'Trường ' || CASE lvl WHEN 0 THEN 'THCS' ELSE 'THPT' END || ' số ' || (s + 1) || ' ' || (${sqlArray(AREAS)})[area + 1],
                 CASE lvl WHEN 0 THEN 'THCS' ELSE 'THPT' END, '01' || lpad((s + 1)::text, 6, '0'),
                 (s % 200 + 1) || ' phố ' || (${sqlArray(AREAS)})[area + 1] || ', Hà Nội'
            FROM bench_school ORDER BY s`);
        counts.schoolAdmins = await rows(
          `
          INSERT INTO app_user (id, province_id, school_id, role, username, full_name, password_hash, gender)
          SELECT ${id('schoolAdmin', 's')}, ${prov}, ${id('school', 's')}, 'school_admin', 'bqt' || (s + 1), ${nameSql('s + 7')}, $1,
                 CASE WHEN s % 2 = 0 THEN 'M' ELSE 'F' END
            FROM generate_series(0, ${S - 1}) s`,
          [passwordHash],
        );
        counts.teachers = await rows(
          `
          INSERT INTO app_user (id, province_id, school_id, role, username, full_name, password_hash, gender)
          SELECT ${id('teacher', 't')}, ${prov}, ${id('school', `t / ${T}`)}, 'teacher', 'bgv' || (t + 1), ${nameSql('t + 3')}, $1,
                 CASE WHEN t % 3 = 0 THEN 'M' ELSE 'F' END
            FROM generate_series(0, ${S * T - 1}) t`,
          [passwordHash],
        );
        counts.classes = await rows(`
          INSERT INTO school_class (id, school_id, name, grade, school_year, created_at, updated_at)
          SELECT ${id('schoolClass', 'c')}, ${id('school', 's')}, grade || 'A' || section, grade, '${YEAR}',
                 timestamptz '2026-08-15 08:00+07', timestamptz '2026-08-15 08:00+07'
            FROM bench_class ORDER BY c`);
        await q(
          `INSERT INTO class_teacher (class_id, teacher_id) SELECT ${id('schoolClass', 'c')}, ${id('teacher', 'teacher_no')} FROM bench_class ORDER BY c`,
        );
        return `${int(counts.schools)} schools, ${int(counts.classes)} classes, ${int(counts.teachers)} teachers, ${counts.areas} areas`;
      }),
    );

    // ---- Content: 4 curricula of 5 lessons (6 single-choice items each), published.
    await phase('content', () =>
      tx(async () => {
        const lessons = [];
        for (const [lvl, level] of LEVELS.entries())
          for (const [kindNo, kind] of KINDS.entries())
            for (let pos = 0; pos < LESSONS_PER_CURRICULUM; pos++)
              lessons.push({ l: lessons.length, lvl, level, kindNo, kind, pos, required: pos < REQUIRED_PER_CURRICULUM, topic: TOPICS[kind][pos] });
        await q(`
          CREATE TEMP TABLE bench_lesson AS
          SELECT * FROM (VALUES ${lessons.map((x) => `(${x.l}, ${x.lvl}, ${x.kindNo}, ${lit(x.kind)}, ${x.pos}, ${x.required})`).join(', ')})
            AS t (l, lvl, kind_no, kind, pos, required)`);
        const admin = id('deptAdmin', 0);
        counts.items = await rows(`
          INSERT INTO item (id, province_id, kind, prompt, content, answer, feedback, topics, difficulty, points, locked_at, created_by, created_at, updated_at)
          SELECT ${id('item', 'l * ' + ITEMS_PER_LESSON + ' + i')}, ${prov}, 'single_choice',
                 'Câu ' || (i + 1) || ' — ' || t.topic || ': em chọn cách làm nào đúng nhất?',
                 jsonb_build_object('options', jsonb_build_array('Phương án A', 'Phương án B', 'Phương án C', 'Phương án D')),
                 jsonb_build_array((l * ${ITEMS_PER_LESSON} + i) % 4), 'Phương án đúng giúp em an toàn hơn khi dùng mạng.',
                 ARRAY[lower(b.kind)], (ARRAY['easy', 'medium', 'hard'])[1 + i % 3], 2,
                 timestamptz '2026-08-20 09:00+07', ${admin}, timestamptz '2026-08-01 09:00+07', timestamptz '2026-08-01 09:00+07'
            FROM bench_lesson b JOIN (VALUES ${lessons.map((x) => `(${x.l}, ${lit(x.topic)})`).join(', ')}) AS t (tl, topic) ON t.tl = b.l
            CROSS JOIN generate_series(0, ${ITEMS_PER_LESSON - 1}) i ORDER BY l, i`);
        // Unlocked first: a locked lesson's item list cannot change (lesson_item_locked).
        counts.lessons = await rows(`
          INSERT INTO lesson (id, province_id, title, kind, level, grade_min, grade_max, duration_minutes, summary, objectives, body, created_by, created_at, updated_at)
          SELECT ${id('lesson', 'l')}, ${prov}, t.topic || ' (' || CASE lvl WHEN 0 THEN 'THCS' ELSE 'THPT' END || ')', b.kind,
                 CASE lvl WHEN 0 THEN 'THCS' ELSE 'THPT' END, CASE lvl WHEN 0 THEN 6 ELSE 10 END, CASE lvl WHEN 0 THEN 9 ELSE 12 END, 45,
                 'Bài học ' || t.topic || '.',
                 jsonb_build_array('Hiểu ' || lower(t.topic), 'Biết cách tự bảo vệ mình'),
                 jsonb_build_array(jsonb_build_object('type', 'heading', 'text', t.topic),
                                   jsonb_build_object('type', 'paragraph', 'text', 'Nội dung bài học dùng cho kiểm thử hiệu năng.'),
                                   jsonb_build_object('type', 'tip', 'text', 'Dừng lại, suy nghĩ, rồi mới bấm.')),
                 ${admin}, timestamptz '2026-08-01 09:00+07', timestamptz '2026-08-01 09:00+07'
            FROM bench_lesson b JOIN (VALUES ${lessons.map((x) => `(${x.l}, ${lit(x.topic)})`).join(', ')}) AS t (tl, topic) ON t.tl = b.l ORDER BY l`);
        await q(`
          INSERT INTO lesson_item (lesson_id, item_id, position)
          SELECT ${id('lesson', 'l')}, ${id('item', 'l * ' + ITEMS_PER_LESSON + ' + i')}, i FROM bench_lesson CROSS JOIN generate_series(0, ${ITEMS_PER_LESSON - 1}) i`);
        await q(`UPDATE lesson SET locked_at = timestamptz '2026-08-20 09:00+07' WHERE province_id = ${prov}`);
        // A version takes its lessons while a draft (curriculum_lesson_locked), then is published.
        await q(`
          INSERT INTO curriculum (id, province_id, school_year, level, kind, created_at)
          SELECT ${id('curriculum', 'lvl * 2 + kind_no')}, ${prov}, '${YEAR}', CASE lvl WHEN 0 THEN 'THCS' ELSE 'THPT' END, kind, timestamptz '2026-08-01 09:00+07'
            FROM (SELECT DISTINCT lvl, kind_no, kind FROM bench_lesson) x`);
        await q(`
          INSERT INTO curriculum_version (id, curriculum_id, version, status, title, created_by, created_at)
          SELECT ${id('version', 'lvl * 2 + kind_no')}, ${id('curriculum', 'lvl * 2 + kind_no')}, 1, 'draft',
                 'Chương trình ' || kind || ' ' || CASE lvl WHEN 0 THEN 'THCS' ELSE 'THPT' END || ' ${YEAR}', ${admin}, timestamptz '2026-08-01 09:00+07'
            FROM (SELECT DISTINCT lvl, kind_no, kind FROM bench_lesson) x`);
        await q(`
          INSERT INTO curriculum_lesson (version_id, lesson_id, position, required, suggested_month)
          SELECT ${id('version', 'lvl * 2 + kind_no')}, ${id('lesson', 'l')}, pos, required, (ARRAY[9, 9, 10, 10, 11])[pos + 1] FROM bench_lesson`);
        await q(`
          UPDATE curriculum_version SET status = 'published', published_at = timestamptz '2026-08-25 09:00+07', published_by = ${admin}
           WHERE curriculum_id IN (SELECT id FROM curriculum WHERE province_id = ${prov})`);
        return `${counts.lessons} lessons, ${counts.items} items, 4 curricula published`;
      }),
    );

    // ---- Students: 'b1' … 'bN', one argon2 hash for all.
    await phase('students', async () => {
      counts.students = await rows(
        `INSERT INTO app_user (id, province_id, school_id, role, username, full_name, password_hash, birth_date, gender, created_at, updated_at)
         SELECT ${id('student', 'n')}, ${prov}, ${id('school', `n / ${C * N}`)}, 'student', 'b' || (n + 1), ${nameSql('n')}, $1,
                make_date(2021 - CASE WHEN n / ${C * N} % 5 IN (1, 3) THEN 10 + (n / ${N}) % ${C} % 3 ELSE 6 + (n / ${N}) % ${C} % 4 END, 1, 1)
                  + (${U('n', 5)} * 364)::int,
                CASE WHEN ${U('n', 6)} < 0.5 THEN 'M' ELSE 'F' END,
                timestamptz '2026-08-15 08:00+07', timestamptz '2026-08-15 08:00+07'
           FROM generate_series(0, ${S * C * N - 1}) n`,
        [passwordHash],
      );
      return `${int(counts.students)} students`;
    });

    // ---- Enrolments: the statement trigger counts them into school_class.student_count.
    await phase('enrollments', async () => {
      counts.enrollments = await rows(
        `INSERT INTO enrollment (class_id, student_id, school_year, created_at)
         SELECT ${id('schoolClass', `n / ${N}`)}, ${id('student', 'n')}, '${YEAR}', timestamptz '2026-08-20 08:00+07'
           FROM generate_series(0, ${S * C * N - 1}) n`,
      );
      return `${int(counts.enrollments)} enrolments`;
    });

    // ---- Assignments: one per class and lesson (round 1), and for some required lessons a second
    // one later (round 2: review and retake; a pass there counts if the first was not one).
    // Lesson at position p opens on T0 + 14p days (+0-4 days per class), due 13⅔ days later.
    // A class lacks its last 1-3 required lessons of a program with the school's lack_prob.
    await phase('assignments', async () => {
      await q(`
        CREATE TEMP TABLE bench_plan AS
        SELECT c.c * 40 + l.l * 2 + r.round - 1 AS a_no, c.c, c.s, c.teacher_no, l.l, l.pos, l.kind_no, r.round,
               g.sub1, g.pass1, o.opens_at, o.opens_at + CASE r.round WHEN 1 THEN interval '13 days 16 hours' ELSE interval '6 days 16 hours' END AS due_at
          FROM bench_class c JOIN bench_school sc ON sc.s = c.s JOIN bench_lesson l ON l.lvl = c.lvl
          CROSS JOIN LATERAL (SELECT
              CASE WHEN ${U('c.c * 2 + l.kind_no', 31)} < sc.lack_prob * (1 + 0.25 * l.kind_no) THEN 1 + floor(${U('c.c * 2 + l.kind_no', 32)} * 3)::int ELSE 0 END AS lacks,
              sc.submit_rate * (1 - 0.04 * l.kind_no) AS sub1,
              sc.pass_rate - 0.01 * l.kind_no AS pass1,
              ${T0} + (l.pos * 14 + floor(${U('c.c * 32 + l.l', 35)} * 5)) * interval '1 day' AS opens1) g
          CROSS JOIN (VALUES (1), (2)) AS r (round)
          CROSS JOIN LATERAL (SELECT g.opens1 + CASE r.round WHEN 1 THEN interval '0' ELSE interval '16 days' END AS opens_at) o
         WHERE CASE WHEN l.required THEN l.pos < ${REQUIRED_PER_CURRICULUM} - g.lacks ELSE ${U('c.c * 2 + l.kind_no', 33)} < sc.optional_prob END
           AND (r.round = 1 OR (l.required AND ${U('c.c * 32 + l.l', 34)} < sc.review_prob))
         ORDER BY 1`);
      await q(`CREATE INDEX ON bench_plan (s, a_no); ANALYZE bench_plan`);
      counts.assignments = await rows(`
        INSERT INTO assignment (id, school_id, lesson_id, opens_at, due_at, created_by, created_at, updated_at)
        SELECT ${id('assignment', 'a_no')}, ${id('school', 's')}, ${id('lesson', 'l')}, opens_at, due_at, ${id('teacher', 'teacher_no')},
               opens_at - interval '1 day', opens_at - interval '1 day'
          FROM bench_plan ORDER BY a_no`);
      await q(
        `INSERT INTO assignment_class (assignment_id, class_id) SELECT ${id('assignment', 'a_no')}, ${id('schoolClass', 'c')} FROM bench_plan ORDER BY a_no`,
      );
      const [r] = (
        await q(
          `SELECT count(*) FILTER (WHERE round = 2)::int AS review, count(*) FILTER (WHERE round = 1 AND pos < ${REQUIRED_PER_CURRICULUM})::int AS required FROM bench_plan`,
        )
      ).rows;
      counts.reviewAssignments = r.review;
      return `${int(counts.assignments)} (${(r.required / (S * C)).toFixed(2)} of 8 required lessons per class, ${int(r.review)} review rounds)`;
    });

    // ---- Attempts, a chunk of schools per statement. Per student and assignment (key = student,
    // lesson, round): round 1 submitted with the school's rate (a little lower for MEDIA_LITERACY),
    // passed (percent >= 50) with its pass rate ± the student's skill; otherwise a quarter started
    // and left in progress. Round 2: 55% of those who passed and 85% of the rest do it again.
    // Scores are whole points of 12; submitted_at between the opening and a little past the due
    // date (late), never after END.
    await phase('attempts', async () => {
      const chunk = Math.max(1, Math.ceil(S / 10));
      counts.attempts = 0;
      for (let lo = 0; lo < S; lo += chunk) {
        const t0 = performance.now();
        const n = await rows(`
          INSERT INTO attempt (id, assignment_id, student_id, status, started_at, submitted_at, late, score, max_score, percent, updated_at)
          SELECT ${id('attempt', `a_no * ${N} + j`)}, ${id('assignment', 'a_no')}, ${id('student', 'n')},
                 CASE WHEN sub THEN 'submitted' ELSE 'in_progress' END,
                 CASE WHEN sub THEN at - (5 + ${U('key', 47)} * 35) * interval '1 minute' ELSE at END,
                 CASE WHEN sub THEN at END,
                 sub AND at > due_at,
                 CASE WHEN sub THEN score END, CASE WHEN sub THEN ${MAX_SCORE} END, CASE WHEN sub THEN round(score * 100 / ${MAX_SCORE}.0, 1) END,
                 at
            FROM (
              SELECT p.a_no, p.due_at, j, k.n, s1.key, s1.sub, s2.started,
                     LEAST(p.opens_at + (p.due_at - p.opens_at) * CASE WHEN s1.sub THEN 0.03 + ${U('s1.key', 46)} * 1.05 ELSE ${U('s1.key', 46)} * 0.9 END, ${END}) AS at,
                     (CASE WHEN s2.pass THEN least(${MAX_SCORE}, ${MAX_SCORE / 2} + floor(power(${U('s1.key', 45)}, 0.6) * ${MAX_SCORE / 2 + 1}))
                           ELSE floor(${U('s1.key', 45)} * ${MAX_SCORE / 2}) END)::int AS score
                FROM generate_series(0, ${N - 1}) j
                CROSS JOIN LATERAL (SELECT * FROM bench_plan WHERE s >= ${lo} AND s < ${Math.min(S, lo + chunk)} AND j >= 0 ORDER BY s, a_no) p
                CROSS JOIN LATERAL (SELECT p.c * ${N} + j AS n) k
                CROSS JOIN LATERAL (SELECT k.n * 64 + p.l * 2 AS key1, ${U('k.n', 21)} - 0.5 AS skill) kk
                CROSS JOIN LATERAL (SELECT ${U('kk.key1', 41)} < p.sub1 AND ${U('kk.key1', 42)} < p.pass1 + kk.skill * 0.2 AS passed1) pr
                CROSS JOIN LATERAL (SELECT kk.key1 + p.round - 1 AS key,
                                           CASE p.round WHEN 1 THEN ${U('kk.key1', 41)} < p.sub1
                                                ELSE ${U('kk.key1 + 1', 41)} < CASE WHEN pr.passed1 THEN 0.55 ELSE 0.85 END END AS sub) s1
                CROSS JOIN LATERAL (SELECT s1.sub AND CASE p.round WHEN 1 THEN pr.passed1
                                                           ELSE ${U('s1.key', 42)} < 0.78 + kk.skill * 0.3 + CASE WHEN pr.passed1 THEN 0.12 ELSE 0 END END AS pass,
                                           NOT s1.sub AND ${U('s1.key', 44)} < CASE p.round WHEN 1 THEN 0.25 ELSE 0.1 END AS started) s2
            ) x
           WHERE sub OR started`);
        counts.attempts += n;
        const ms = performance.now() - t0;
        log(`    schools ${lo}-${Math.min(S, lo + chunk) - 1}: ${int(n)} attempts in ${fmtMs(ms)} (${int(Math.round(n / (ms / 1000)))}/s)`);
      }
      const [r] = (
        await q(`SELECT count(*) FILTER (WHERE status = 'submitted')::int AS submitted, count(*) FILTER (WHERE percent >= 50)::int AS passed
                               FROM attempt WHERE assignment_id IN (SELECT id FROM assignment WHERE school_id IN (SELECT id FROM school WHERE province_id = ${prov}))`)
      ).rows;
      counts.attemptsSubmitted = r.submitted;
      counts.attemptsInProgress = counts.attempts - r.submitted;
      counts.passShare = Math.round((1000 * r.passed) / r.submitted) / 10;
      return `${int(counts.attempts)} attempts: ${int(r.submitted)} submitted (${counts.passShare}% at or above 50), ${int(counts.attemptsInProgress)} in progress`;
    });

    // ---- Contests: half live in a class, a third scheduled for a school, a sixth live for a
    // school; 5 items each. Live players answer every question; scheduled entries are submitted.
    await phase('contests', () =>
      tx(async () => {
        await q(`
          CREATE TEMP TABLE bench_contest AS
          SELECT x.i, x.type, x.s, cl.c, cl.teacher_no, cl.lvl, x.kind_no, x.at
            FROM (SELECT i, CASE WHEN i % 6 < 3 THEN 'class' WHEN i % 6 < 5 THEN 'scheduled' ELSE 'school' END AS type,
                         (i * 37) % ${S} AS s, (i * 7) % ${C} AS k, (i / 6) % 2 AS kind_no,
                         ${T0} + interval '10 days 2 hours' + (i % 70) * interval '1 day' AS at
                    FROM generate_series(0, ${contests - 1}) i) x
            JOIN bench_class cl ON cl.c = x.s * ${C} + x.k ORDER BY i`);
        counts.contests = await rows(`
          INSERT INTO contest (id, province_id, school_id, title, mode, scope_type, scope_id, kind, seconds_per_question, opens_at, closes_at, created_by, created_at)
          SELECT ${id('contest', 'i')}, ${prov}, ${id('school', 's')},
                 CASE kind_no WHEN 0 THEN 'Rung chuông vàng An toàn mạng' ELSE 'Thử thách Tin thật – tin giả' END || ' #' || (i + 1),
                 CASE type WHEN 'scheduled' THEN 'scheduled' ELSE 'live' END, CASE type WHEN 'class' THEN 'class' ELSE 'school' END,
                 CASE type WHEN 'class' THEN ${id('schoolClass', 'c')} ELSE ${id('school', 's')} END,
                 (ARRAY['SAFETY', 'MEDIA_LITERACY'])[kind_no + 1], ${SECONDS_PER_QUESTION},
                 CASE type WHEN 'scheduled' THEN at END, CASE type WHEN 'scheduled' THEN at + interval '3 days' END,
                 ${id('teacher', 'teacher_no')}, at - interval '2 days'
            FROM bench_contest ORDER BY i`);
        const itemNo = `((lvl * 10 + kind_no * ${LESSONS_PER_CURRICULUM} + q) * ${ITEMS_PER_LESSON} + i % ${ITEMS_PER_LESSON})`;
        await q(`
          INSERT INTO contest_item (contest_id, position, item_id)
          SELECT ${id('contest', 'i')}, q, ${id('item', itemNo)} FROM bench_contest CROSS JOIN generate_series(0, ${CONTEST_QUESTIONS - 1}) q`);
        counts.contestSessions = await rows(`
          INSERT INTO contest_session (id, contest_id, pin, state, host_id, created_at, ended_at)
          SELECT ${id('session', 'i')}, ${id('contest', 'i')}, lpad((100000 + (i * 7919) % 900000)::text, 6, '0'),
                 jsonb_build_object('phase', 'ended', 'questionIndex', ${CONTEST_QUESTIONS - 1}, 'total', ${CONTEST_QUESTIONS}, 'durationMs', ${SECONDS_PER_QUESTION * 1000},
                                    'startedAt', null, 'endsAt', null, 'remainingMs', null, 'skipped', '[]'::jsonb),
                 ${id('teacher', 'teacher_no')}, at, at + interval '20 minutes'
            FROM bench_contest WHERE type <> 'scheduled' ORDER BY i`);
        // Players: 90% of the class, or 70% of the school.
        const players = `
          SELECT b.*, n FROM bench_contest b
           CROSS JOIN LATERAL generate_series(CASE b.type WHEN 'class' THEN b.c * ${N} ELSE b.s * ${C * N} END,
                                              CASE b.type WHEN 'class' THEN b.c * ${N} + ${N - 1} ELSE b.s * ${C * N} + ${C * N - 1} END) n
           WHERE ${U('n', 'b.i + 100')} < CASE b.type WHEN 'class' THEN 0.9 WHEN 'school' THEN 0.7 ELSE 0.6 END`;
        counts.participants = await rows(`
          INSERT INTO participant (session_id, student_id, joined_at)
          SELECT ${id('session', 'i')}, ${id('student', 'n')}, at - interval '3 minutes' + ${U('n', 'i + 200')} * interval '150 seconds'
            FROM (${players}) p WHERE type <> 'scheduled' ORDER BY i, n`);
        const correct = `${U('n * 8 + q', 'i + 300')} < 0.7`;
        const elapsed = `(1000 + ${U('n * 8 + q', 'i + 400')} * ${SECONDS_PER_QUESTION * 1000 - 2000})::int`;
        counts.contestAnswers = await rows(`
          INSERT INTO contest_answer (session_id, question_index, student_id, choice, received_at, elapsed_ms, correct, points)
          SELECT ${id('session', 'i')}, q, ${id('student', 'n')},
                 jsonb_build_array(CASE WHEN ok THEN ${itemNo} % 4 ELSE (${itemNo} + 1) % 4 END),
                 at + q * interval '40 seconds' + ms * interval '1 millisecond', ms, ok,
                 CASE WHEN ok THEN round(1000 * (1 - ms / ${SECONDS_PER_QUESTION * 1000}.0 / 2)) ELSE 0 END
            FROM (SELECT p.*, q, ${correct} AS ok, ${elapsed} AS ms
                    FROM (${players}) p CROSS JOIN generate_series(0, ${CONTEST_QUESTIONS - 1}) q WHERE type <> 'scheduled') a
           ORDER BY i, q, n`);
        counts.contestEntries = await rows(`
          INSERT INTO contest_entry (id, contest_id, student_id, started_at, deadline, submitted_at, answers, score, correct, time_ms)
          SELECT ${id('entry', `i::int8 * ${C * N} + n - s * ${C * N}`)}, ${id('contest', 'i')}, ${id('student', 'n')}, started,
                 started + interval '${CONTEST_QUESTIONS * SECONDS_PER_QUESTION} seconds', started + ms * interval '1 millisecond',
                 answers, right_answers * 1000, right_answers, ms
            FROM (SELECT p.i, p.s, p.n, p.at + ${U('n', 'i + 500')} * interval '60 hours' AS started,
                         (30000 + ${U('n', 'i + 600')} * 60000)::int AS ms,
                         (SELECT jsonb_object_agg(q::text, jsonb_build_array(CASE WHEN ${correct} THEN ${itemNo} % 4 ELSE (${itemNo} + 1) % 4 END))
                            FROM generate_series(0, ${CONTEST_QUESTIONS - 1}) q) AS answers,
                         (SELECT count(*) FILTER (WHERE ${correct}) FROM generate_series(0, ${CONTEST_QUESTIONS - 1}) q)::int AS right_answers
                    FROM (${players}) p WHERE type = 'scheduled') e
           ORDER BY i, n`);
        return `${counts.contests} contests, ${int(counts.participants)} live players (${int(counts.contestAnswers)} answers), ${int(counts.contestEntries)} scheduled entries`;
      }),
    );
    await q(`DROP TABLE bench_contest, bench_plan, bench_lesson, bench_class, bench_school`);

    // ---- The roll-ups, from the attempts, on a connection of its own with the server's settings:
    // this time is a figure for the report (a pass mark change rebuilds a province's year).
    await phase('coverage_rebuild', async () => {
      const own = new pg.Client({ connectionString: databaseUrl, application_name: 'coverage-gen rebuild' });
      await own.connect();
      try {
        await own.query(`SELECT coverage_rebuild($1, $2)`, [provinceId, YEAR]);
      } finally {
        await own.end();
      }
      const [r] = (
        await q(
          `
        SELECT (SELECT count(*) FROM class_lesson_assigned a JOIN school_class c ON c.id = a.class_id JOIN school s ON s.id = c.school_id WHERE s.province_id = $1)::int AS assigned,
               (SELECT count(*) FROM coverage_class_lesson a JOIN school_class c ON c.id = a.class_id JOIN school s ON s.id = c.school_id WHERE s.province_id = $1)::int AS class_lesson,
               (SELECT count(*) FROM coverage_class_kind a JOIN school_class c ON c.id = a.class_id JOIN school s ON s.id = c.school_id WHERE s.province_id = $1)::int AS class_kind,
               (SELECT count(*) FROM coverage_school_month a JOIN school s ON s.id = a.school_id WHERE s.province_id = $1)::int AS school_month`,
          [provinceId],
        )
      ).rows;
      counts.rollups = {
        classLessonAssigned: r.assigned,
        coverageClassLesson: r.class_lesson,
        coverageClassKind: r.class_kind,
        coverageSchoolMonth: r.school_month,
      };
      return `rows: ${Object.entries(counts.rollups)
        .map(([k, v]) => `${k} ${int(v)}`)
        .join(', ')}`;
    });

    await phase('vacuum_analyze', async () => {
      await q(`VACUUM ANALYZE`);
    });
    timings.total = Math.round(performance.now() - totalStart);
    const databaseBytes = Number((await q(`SELECT pg_database_size(current_database()) AS b`)).rows[0].b);
    log(`  ${'total'.padEnd(18)} ${fmtMs(timings.total).padStart(12)}  database ${fmtBytes(databaseBytes)}`);
    return { provinceId, deptUsername, password: BENCH_PASSWORD, schoolYear: YEAR, timings, databaseBytes, counts };
  } finally {
    await db.end();
  }
}

/** What a generated province looks like: checks that it holds together, and its coverage spread. */
export async function describeCoverageProvince(databaseUrl, provinceId) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const one = async (sql) => (await db.query(sql, [provinceId])).rows;
    const [check] = await one(`
      SELECT (SELECT sum(c.student_count) FROM school_class c JOIN school s ON s.id = c.school_id WHERE s.province_id = $1)::int AS student_count,
             (SELECT count(*) FROM enrollment e JOIN school_class c ON c.id = e.class_id JOIN school s ON s.id = c.school_id WHERE s.province_id = $1)::int AS enrollments,
             (SELECT sum(pairs) FROM coverage_class_kind k JOIN school_class c ON c.id = k.class_id JOIN school s ON s.id = c.school_id WHERE s.province_id = $1)::int AS pairs,
             (SELECT sum(c.student_count * r.n) FROM school_class c JOIN school s ON s.id = c.school_id
                JOIN (SELECT level, count(*) AS n FROM coverage_required($1, '${YEAR}') GROUP BY 1) r ON r.level = class_level(c.grade)
               WHERE s.province_id = $1)::int AS expected_pairs,
             (SELECT count(*) FROM coverage_class_kind k JOIN school_class c ON c.id = k.class_id JOIN school s ON s.id = c.school_id
               WHERE s.province_id = $1 AND k.assigned_required < 4)::int AS class_kinds_lacking`);
    // Per school and program: completed pairs over students × required lessons (as the rule does).
    const spread = await one(`
      WITH req AS (SELECT level, kind, count(*) AS n FROM coverage_required($1, '${YEAR}') GROUP BY 1, 2),
      sc AS (
        SELECT s.id, k.kind, 100.0 * sum(k.pairs) / nullif(sum(c.student_count * req.n), 0) AS pct
          FROM coverage_class_kind k JOIN school_class c ON c.id = k.class_id JOIN school s ON s.id = c.school_id
          JOIN req ON req.level = class_level(c.grade) AND req.kind = k.kind
         WHERE s.province_id = $1 GROUP BY s.id, k.kind)
      SELECT kind, count(*)::int AS schools,
             count(*) FILTER (WHERE pct >= 95)::int AS "≥95", count(*) FILTER (WHERE pct >= 85 AND pct < 95)::int AS "85-95",
             count(*) FILTER (WHERE pct >= 80 AND pct < 85)::int AS "80-85", count(*) FILTER (WHERE pct >= 75 AND pct < 80)::int AS "75-80",
             count(*) FILTER (WHERE pct >= 70 AND pct < 75)::int AS "70-75", count(*) FILTER (WHERE pct >= 50 AND pct < 70)::int AS "50-70",
             count(*) FILTER (WHERE pct < 50)::int AS "<50", round(avg(pct), 1)::float AS avg
        FROM sc GROUP BY kind ORDER BY kind`);
    const months = await one(`
      SELECT to_char(month, 'YYYY-MM') AS month, sum(submitted)::int AS submitted, sum(pairs)::int AS pairs, sum(reached)::int AS reached
        FROM coverage_school_month m JOIN school s ON s.id = m.school_id WHERE s.province_id = $1 GROUP BY 1 ORDER BY 1`);
    return { check, spread, months };
  } finally {
    await db.end();
  }
}

// ---- CLI
async function main(argv) {
  const option = (name, fallback) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (!fs.existsSync(SERVER_CLI)) throw new Error(`${path.relative(ROOT, SERVER_CLI)} is missing: run npm run build first`);
  const newest = Math.max(...fs.readdirSync(path.join(ROOT, 'migrations')).map((f) => fs.statSync(path.join(ROOT, 'migrations', f)).mtimeMs));
  if (newest > fs.statSync(SERVER_CLI).mtimeMs)
    console.warn('warning: migrations/ is newer than server/dist: the database gets the built migrations (npm run build)');

  const name = uniqueDatabaseName('tt_bench_cov');
  const url = databaseUrl(adminUrl, name);
  const t0 = performance.now();
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  let keep = false;
  try {
    await promisify(execFile)(process.execPath, [SERVER_CLI, 'migrate', ...(argv.includes('--seed-demo') ? ['--seed-demo'] : [])], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    });
    console.log(`database ${name} migrated${argv.includes('--seed-demo') ? ' with the demo data' : ''} in ${fmtMs(performance.now() - t0)}`);
    const result = await generateCoverageProvince(url, {
      schools: option('--schools', 1000),
      classesPerSchool: option('--classes', 25),
      studentsPerClass: option('--students', 40),
    });
    const { check, spread, months } = await describeCoverageProvince(url, result.provinceId);
    console.log('\ncounts:', JSON.stringify(result.counts));
    console.log(
      `check: student_count sum ${int(check.student_count)} = enrolments ${int(check.enrollments)}: ${check.student_count === check.enrollments ? 'ok' : 'MISMATCH'}; ` +
        `completed required pairs ${int(check.pairs)} of ${int(check.expected_pairs)} (${((100 * check.pairs) / check.expected_pairs).toFixed(1)}%); ` +
        `class × program lacking a required lesson: ${int(check.class_kinds_lacking)}`,
    );
    console.log('schools by coverage (completed pairs ÷ students × required lessons):');
    console.table(spread);
    console.log('by month:');
    console.table(months);
    console.log(`timings (ms): ${JSON.stringify(result.timings)}`);
    console.log(`database size: ${fmtBytes(result.databaseBytes)}`);
    keep = !argv.includes('--drop');
    if (keep) console.log(`kept: ${url}\n  dept admin ${result.deptUsername} / ${result.password}, province ${result.provinceId}, year ${result.schoolYear}`);
  } finally {
    if (!keep) {
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      console.log(`dropped ${name}`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
