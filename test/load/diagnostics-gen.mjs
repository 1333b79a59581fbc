// A Hà Nội-sized province for the diagnostics benchmark (issue: pre/post diagnostics): 1,000 THCS
// schools in 30 areas, 20,000 classes, 500,000 students with their enrolments, one MEDIA_LITERACY
// diagnostic with two parallel forms of 12 tagged items (half genuine) as real rows (items, two
// form lessons, diagnostic, diagnostic_item), its pre and post rounds (per school and form one
// assignment for all the school's classes, as openRound makes them), a diagnostic_student row
// for every student with the pre and post FormOutcome JSON, and the roll-ups the results page
// reads: diagnostic_class_sums (from the student rows, in SQL, the way studentContribution in
// shared/src/diagnostics/stats.ts does it), diagnostic_school_item and diagnostic_school_tag.
//
//   node test/load/diagnostics-gen.mjs [--schools N] [--classes N] [--students N] [--drop]
//
// creates a fresh database tt_bench_diag_… on DATABASE_URL (an admin URL, by default
// postgres://postgres@127.0.0.1:5432/test), migrates it with the built server's CLI (as
// coverage-gen.mjs does), generates, checks, prints the phases, counts and database size, and keeps
// the database (printing its URL) unless --drop. `generateDiagnosticsProvince(url, options)` does
// the same on a database that already exists and is migrated.
//
// How the data is made (the approach of coverage-gen.mjs):
// - Ids are deterministic version-8 UUIDs `<run>-<tag>-8000-8000-<n in hex>`, so that every insert
//   is a generate_series statement and the n-th student's id is known without a join.
// - Every "random" choice is a hash of the row's numbers (hashint8extended): the same options give
//   the same province every time, apart from the dealing of forms, which hashes the ids as the
//   server's dealForms does.
// - No attempt or response rows: 500,000 students × 2 forms × 12 items would be 12M responses, and
//   the results page reads only the roll-ups. Instead every student's answer to every item of both
//   tests is drawn (answered or blank, trusted or not, verdict and evidence right or wrong) into
//   bit masks in a temporary table, and the student outcomes, the item sums and the technique
//   tallies are all computed from those same answers, so that they agree with each other as a
//   submit's roll-ups would. The class sums are then computed from the diagnostic_student JSON.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { hash } from '@node-rs/argon2';
import { DIAGNOSTIC_SUM_KEYS } from '@tinhtao/shared';
import pg from 'pg';

import { databaseUrl, ROOT, SERVER_CLI, uniqueDatabaseName, withAdmin } from '../support/db-admin.mjs';
import { BENCH_PASSWORD } from './coverage-gen.mjs';

export { BENCH_PASSWORD };
const YEAR = '2026-2027';
const PRE_OPENS = `timestamptz '2026-09-14 07:00+07'`;
const POST_OPENS = `timestamptz '2027-04-05 07:00+07'`;
const ROUND_LENGTH = `interval '11 days 13 hours'`;

const TAG = {
  province: '0000',
  area: '0001',
  school: '0002',
  schoolClass: '0003',
  student: '0004',
  deptAdmin: '0007',
  item: '0008',
  lesson: '0009',
  assignment: '000c',
  diagnostic: '0011',
};

/**
 * One form: 12 items, the same layout in A and B (parallel forms). Even positions are genuine
 * content, odd ones false or manipulative; positions 0, 1 (mod 4) are claim_check items worth 2
 * points (half for the verdict, half for the evidence), 2, 3 true_false worth 1. Position 2k and
 * 2k+1 measure technique k, so every technique has one false item per form.
 */
const MEASURES = ['impersonation', 'emotional_language', 'polarisation', 'conspiracy', 'discrediting', 'fake_experts'];
export const FORM_ITEMS = Array.from({ length: 12 }, (_, pos) => ({
  pos,
  genuine: pos % 2 === 0,
  kind: pos % 4 < 2 ? 'claim_check' : 'true_false',
  points: pos % 4 < 2 ? 2 : 1,
  measures: MEASURES[Math.floor(pos / 2)],
}));
const ITEMS = FORM_ITEMS.length;
const MASK = (pred) => FORM_ITEMS.reduce((m, i) => (pred(i) ? m | (1 << i.pos) : m), 0);
const ALL = MASK(() => true);
const GENUINE = MASK((i) => i.genuine);
const CLAIM = MASK((i) => i.kind === 'claim_check');
const MAX_POINTS = FORM_ITEMS.reduce((s, i) => s + i.points, 0);
const CLAIMS = {
  genuine: [
    'Bộ Y tế: tiêm chủng mở rộng miễn phí cho trẻ dưới 1 tuổi tại trạm y tế phường',
    'Sở GD&ĐT công bố lịch thi tuyển sinh lớp 10 năm học mới',
    'Hà Nội mở thêm 3 tuyến xe buýt điện từ tháng 10',
    'Thư viện Quốc gia cho mượn sách điện tử miễn phí',
    'Cục An toàn thông tin cảnh báo lừa đảo giả danh ngân hàng',
    'Trường THCS tổ chức ngày hội đọc sách vào thứ Bảy',
    'Công an thành phố hướng dẫn khai báo tạm trú qua ứng dụng VNeID',
    'Nhà hát Lớn mở cửa miễn phí cho học sinh ngày 20/11',
    'Trung tâm Khí tượng dự báo rét đậm từ cuối tuần',
    'Bảo tàng Lịch sử Quốc gia trưng bày cổ vật mới',
    'Thành phố lắp thêm 500 camera giao thông ở các nút giao lớn',
    'Bệnh viện Nhi Trung ương mở phòng khám ngoài giờ',
  ],
  false: [
    'Nhắn tin "NHAN QUA" để nhận ngay 5 triệu đồng từ nhà mạng',
    'Uống nước chanh nóng chữa khỏi mọi bệnh cúm trong 1 giờ',
    'Bộ Giáo dục bỏ kỳ thi tốt nghiệp từ năm sau, học sinh không cần học',
    'Chuyên gia "hàng đầu" khẳng định điện thoại gây mất trí nhớ ở trẻ em',
    'Ảnh: cá sấu khổng lồ xuất hiện ở Hồ Tây sáng nay',
    'SỐC!!! Bạn sẽ không tin điều xảy ra với học sinh lớp 7 này',
    'Tài khoản "Bộ Công an" trên Zalo yêu cầu chuyển tiền để "xác minh"',
    'Chia sẻ bài này 10 lần để nhận thẻ cào 100.000 đồng',
    'Họ đang giấu sự thật: vắc-xin có chip theo dõi',
    'Người dân phố X "không ai muốn" học sinh phố Y đến học chung',
    'Nhà khoa học tự xưng: ăn đá lạnh giúp tăng chiều cao 10 cm',
    'Video cắt ghép: thầy giáo "thừa nhận" bán đề thi',
  ],
};

/** A SQL string literal. */
const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
/** A uniform number in [0, 1) from a bigint and a seed (as coverage-gen.mjs draws them). */
const U = (expr, seed) => `((hashint8extended((${expr})::int8, (${seed})::int8) & 16777215)::float8 / 16777216.0)`;
/** A probability kept away from 0 and 1. */
const clamp = (expr) => `greatest(0.02, least(0.98, ${expr}))`;
/** How many bits of a 12-bit mask are set. */
const bits = (expr) => `bit_count((${expr})::bit(${ITEMS}))::int`;
/** The roll-up column of a sum, as the repository names it: `pairPreSumSq` → `pair_pre_sum_sq`. */
export const sumColumn = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const fmtMs = (ms) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(1)} s`);
const fmtBytes = (b) => `${(b / 2 ** 30).toFixed(2)} GiB (${(b / 2 ** 20).toFixed(0)} MiB)`;
const int = (n) => Number(n).toLocaleString('en-US');

/**
 * One student's contribution to each sum of DIAGNOSTIC_SUM_KEYS, as SQL over the lateral `o`
 * (pre_ok, post_ok, p = pre percent, q = post percent) and `d` (d_pre, d_post = discernment,
 * k_pre, k_post = skepticism, NULL where undefined), summed per class. The same cases as
 * studentContribution: pre and post figures for each form taken; the paired ones when both are;
 * discernment (skepticism) when defined on both forms.
 */
const PAIR = 'o.pre_ok AND o.post_ok';
const DISC = `${PAIR} AND d.d_pre IS NOT NULL AND d.d_post IS NOT NULL`;
const SKEP = `${PAIR} AND d.k_pre IS NOT NULL AND d.k_post IS NOT NULL`;
const count = (where) => `count(*) FILTER (WHERE ${where})::float8`;
const total = (expr, where) => `COALESCE(sum(${expr}) FILTER (WHERE ${where}), 0)`;
const CONTRIBUTION = {
  preN: count('o.pre_ok'),
  preSum: total('o.p', 'o.pre_ok'),
  preSumSq: total('o.p * o.p', 'o.pre_ok'),
  postN: count('o.post_ok'),
  postSum: total('o.q', 'o.post_ok'),
  postSumSq: total('o.q * o.q', 'o.post_ok'),
  pairN: count(PAIR),
  pairPreSum: total('o.p', PAIR),
  pairPreSumSq: total('o.p * o.p', PAIR),
  pairGainSum: total('o.q - o.p', PAIR),
  pairGainSumSq: total('(o.q - o.p) * (o.q - o.p)', PAIR),
  pairPreGainSum: total('o.p * (o.q - o.p)', PAIR),
  pairImproved: count(`${PAIR} AND o.q - o.p > 0`),
  discN: count(DISC),
  discPreSum: total('d.d_pre', DISC),
  discPostSum: total('d.d_post', DISC),
  discGainSum: total('d.d_post - d.d_pre', DISC),
  discGainSumSq: total('(d.d_post - d.d_pre) * (d.d_post - d.d_pre)', DISC),
  skepN: count(SKEP),
  skepPreSum: total('d.k_pre', SKEP),
  skepPostSum: total('d.k_post', SKEP),
  skepGainSum: total('d.k_post - d.k_pre', SKEP),
  skepGainSumSq: total('(d.k_post - d.k_pre) * (d.k_post - d.k_pre)', SKEP),
};
{
  const mine = Object.keys(CONTRIBUTION).sort().join();
  if (mine !== [...DIAGNOSTIC_SUM_KEYS].sort().join())
    throw new Error(`diagnostics-gen: the sums changed in shared (DIAGNOSTIC_SUM_KEYS: ${DIAGNOSTIC_SUM_KEYS.join(', ')}); update CONTRIBUTION`);
}
/** trustRate of stats.ts: trusted/rated when 0 ≤ trusted ≤ rated and rated > 0, else NULL. */
const trustRate = (json, trusted, rated) =>
  `CASE WHEN (${json}->>'${rated}')::float8 > 0 AND (${json}->>'${trusted}')::float8 >= 0 AND (${json}->>'${trusted}')::float8 <= (${json}->>'${rated}')::float8
        THEN (${json}->>'${trusted}')::float8 / (${json}->>'${rated}')::float8 END`;

/** The class sums of a diagnostic, from its diagnostic_student rows (what every submit's roll-up adds up to). */
export const CLASS_SUMS_SQL = `
  INSERT INTO diagnostic_class_sums (diagnostic_id, class_id, school_id, ${DIAGNOSTIC_SUM_KEYS.map(sumColumn).join(', ')})
  SELECT ds.diagnostic_id, ds.class_id, c.school_id, ${DIAGNOSTIC_SUM_KEYS.map((k) => CONTRIBUTION[k]).join(',\n         ')}
    FROM diagnostic_student ds JOIN school_class c ON c.id = ds.class_id
   CROSS JOIN LATERAL (SELECT ds.pre IS NOT NULL AS pre_ok, ds.post IS NOT NULL AS post_ok,
                              (ds.pre->>'percent')::float8 AS p, (ds.post->>'percent')::float8 AS q) o
   CROSS JOIN LATERAL (SELECT ${trustRate('ds.pre', 'genuineTrusted', 'genuineRated')} AS g_pre, ${trustRate('ds.pre', 'falseTrusted', 'falseRated')} AS f_pre,
                              ${trustRate('ds.post', 'genuineTrusted', 'genuineRated')} AS g_post, ${trustRate('ds.post', 'falseTrusted', 'falseRated')} AS f_post) t
   CROSS JOIN LATERAL (SELECT t.g_pre - t.f_pre AS d_pre, t.g_post - t.f_post AS d_post, 1 - t.g_pre AS k_pre, 1 - t.g_post AS k_post) d
   WHERE ds.diagnostic_id = $1 AND ds.class_id IS NOT NULL
   GROUP BY ds.diagnostic_id, ds.class_id, c.school_id`;

/**
 * Generates the province into `databaseUrl` (migrated). `classesPerSchool` THCS classes (grades
 * 6-9) of `studentsPerClass` per school.
 */
export async function generateDiagnosticsProvince(
  databaseUrl,
  {
    schools = 1000,
    classesPerSchool = 20,
    studentsPerClass = 25,
    areas = Math.min(30, Math.max(1, Math.round(schools / 33))),
    provinceCode = 'BENCH-HN-DG',
    provinceName = 'Thành phố Hà Nội (benchmark, khảo sát)',
    deptUsername = 'bench-dg-so',
    log = console.log,
  } = {},
) {
  const S = schools,
    C = classesPerSchool,
    N = studentsPerClass;
  const run = randomBytes(4).toString('hex');
  const id = (tag, n) => `('${run}-${TAG[tag]}-8000-8000-' || lpad(to_hex((${n})::int8), 12, '0'))::uuid`;
  const provinceId = `${run}-${TAG.province}-8000-8000-000000000000`;
  const diagnosticId = `${run}-${TAG.diagnostic}-8000-8000-000000000000`;
  const prov = `'${provinceId}'::uuid`;
  const diag = `'${diagnosticId}'::uuid`;
  const admin = id('deptAdmin', 0);
  const timings = {};
  const counts = {};

  const db = new pg.Client({ connectionString: databaseUrl, application_name: 'diagnostics-gen' });
  await db.connect();
  await db.query(`SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '1GB'; SET temp_buffers = '512MB'`);
  const q = (sql, params) => db.query(sql, params);
  const rows = async (sql, params) => (await db.query(sql, params)).rowCount;
  const phase = async (name, work) => {
    const t0 = performance.now();
    const note = await work();
    timings[name] = Math.round(performance.now() - t0);
    log(`  ${name.padEnd(20)} ${fmtMs(timings[name]).padStart(12)}${note ? `  ${note}` : ''}`);
  };
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

  log(`Generating ${int(S)} schools × ${C} classes × ${N} students, one diagnostic of 2 × ${ITEMS} items (run ${run}, province ${provinceCode})`);
  const totalStart = performance.now();
  try {
    const passwordHash = await hash(BENCH_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 }); // as server/src/platform/password.ts

    await phase('organisation', () =>
      tx(async () => {
        await q(`INSERT INTO province (id, code, name) VALUES (${prov}, $1, $2)`, [provinceCode, provinceName]);
        counts.areas = await rows(`
          INSERT INTO area (id, province_id, name, code)
          SELECT ${id('area', 'a')}, ${prov}, 'Quận/huyện ' || (a + 1), lpad((a + 1)::text, 3, '0') FROM generate_series(0, ${areas - 1}) a`);
        await q(
          `INSERT INTO app_user (id, province_id, role, username, full_name, password_hash, gender)
           VALUES (${admin}, ${prov}, 'dept_admin', $1, 'Sở GD&ĐT (benchmark khảo sát)', $2, 'F')`,
          [deptUsername, passwordHash],
        );
        counts.schools = await rows(`
          INSERT INTO school (id, province_id, area_id, name, level, ministry_code, address)
          SELECT ${id('school', 's')}, ${prov}, ${id('area', `s % ${areas}`)}, 'Trường THCS số ' || (s + 1), 'THCS', '01D' || lpad((s + 1)::text, 5, '0'),
                 (s % 200 + 1) || ' phố Quận/huyện ' || (s % ${areas} + 1) || ', Hà Nội'
            FROM generate_series(0, ${S - 1}) s`);
        // Grades 6-9 in turn: 6A1, 7A1, 8A1, 9A1, 6A2, …
        counts.classes = await rows(`
          INSERT INTO school_class (id, school_id, name, grade, school_year, created_at, updated_at)
          SELECT ${id('schoolClass', 'c')}, ${id('school', `c / ${C}`)}, (6 + c % ${C} % 4) || 'A' || (c % ${C} / 4 + 1), 6 + c % ${C} % 4, '${YEAR}',
                 timestamptz '2026-08-15 08:00+07', timestamptz '2026-08-15 08:00+07'
            FROM generate_series(0, ${S * C - 1}) c`);
        return `${int(counts.schools)} schools, ${int(counts.classes)} classes, ${counts.areas} areas`;
      }),
    );

    await phase('students', async () => {
      const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
      const middle = ['Văn', 'Thị', 'Minh', 'Gia', 'Ngọc', 'Đức', 'Thu', 'Bảo'];
      const given = [
        'An',
        'Bình',
        'Chi',
        'Dũng',
        'Giang',
        'Hà',
        'Hải',
        'Hoa',
        'Huy',
        'Lan',
        'Linh',
        'Mai',
        'Nam',
        'Phúc',
        'Quân',
        'Sơn',
        'Thảo',
        'Trang',
        'Vy',
        'Khôi',
      ];
      const pick = (list, n, k) => `(ARRAY[${list.map(lit).join(', ')}])[1 + ((${n}) * ${k}) % ${list.length}]`;
      counts.students = await rows(
        `INSERT INTO app_user (id, province_id, school_id, role, username, full_name, password_hash, birth_date, gender, created_at, updated_at)
         SELECT ${id('student', 'n')}, ${prov}, ${id('school', `n / ${C * N}`)}, 'student', 'dg' || (n + 1),
                ${pick(family, 'n', 7)} || ' ' || ${pick(middle, 'n', 3)} || ' ' || ${pick(given, 'n', 11)}, $1,
                make_date(2014 - (n / ${N}) % ${C} % 4, 1, 1) + (${U('n', 5)} * 364)::int, CASE WHEN ${U('n', 6)} < 0.5 THEN 'M' ELSE 'F' END,
                timestamptz '2026-08-15 08:00+07', timestamptz '2026-08-15 08:00+07'
           FROM generate_series(0, ${S * C * N - 1}) n`,
        [passwordHash],
      );
      return `${int(counts.students)} students`;
    });

    await phase('enrollments', async () => {
      counts.enrollments = await rows(`
        INSERT INTO enrollment (class_id, student_id, school_year, created_at)
        SELECT ${id('schoolClass', `n / ${N}`)}, ${id('student', 'n')}, '${YEAR}', timestamptz '2026-08-20 08:00+07'
          FROM generate_series(0, ${S * C * N - 1}) n`);
      return `${int(counts.enrollments)} enrolments`;
    });

    // ---- The diagnostic: 24 items (form A = items 0-11, form B = 12-23), two form lessons, frozen.
    await phase('diagnostic', () =>
      tx(async () => {
        await q(`
          CREATE TEMP TABLE bench_pos AS
          SELECT f.form_no, p.pos, p.genuine, p.claim, p.points, p.measures, f.form_no * ${ITEMS} + p.pos AS item_no
            FROM (VALUES ${FORM_ITEMS.map((i) => `(${i.pos}, ${i.genuine}, ${i.kind === 'claim_check'}, ${i.points}, ${lit(i.measures)})`).join(', ')})
                 AS p (pos, genuine, claim, points, measures)
           CROSS JOIN (VALUES (0), (1)) AS f (form_no)`);
        const texts = FORM_ITEMS.flatMap((i) =>
          [0, 1].map((f) => {
            const list = i.genuine ? CLAIMS.genuine : CLAIMS.false;
            return `(${f * ITEMS + i.pos}, ${lit(list[f * 6 + Math.floor(i.pos / 2)])})`;
          }),
        );
        counts.items = await rows(`
          INSERT INTO item (id, province_id, kind, prompt, content, answer, feedback, topics, techniques, difficulty, points, locked_at, created_by, created_at, updated_at)
          SELECT ${id('item', 'p.item_no')}, ${prov}, CASE WHEN p.claim THEN 'claim_check' ELSE 'true_false' END,
                 CASE WHEN p.claim THEN 'Đọc bài đăng. Nội dung này thật hay sai lệch? Chọn kết luận và bằng chứng.'
                      ELSE '«' || t.text || '» — Thông tin này đáng tin cậy.' END,
                 CASE WHEN p.claim THEN jsonb_build_object(
                        'options', jsonb_build_array('Nguồn đăng là trang chính thức', 'Nội dung kêu gọi chia sẻ gấp', 'Các báo lớn đưa tin giống nhau'),
                        'claim', jsonb_build_object('format', 'post', 'source', CASE WHEN p.genuine THEN 'Cổng thông tin điện tử' ELSE 'Tin Nóng 24h' END,
                                                    'text', t.text, 'date', '2 giờ trước'))
                      ELSE jsonb_build_object('options', jsonb_build_array('Đúng', 'Sai')) END,
                 CASE WHEN p.claim THEN jsonb_build_object('verdict', CASE WHEN p.genuine THEN 'true' ELSE 'false' END,
                                                           'evidence', jsonb_build_array(CASE WHEN p.genuine THEN 0 ELSE 1 END))
                      ELSE jsonb_build_array(CASE WHEN p.genuine THEN 0 ELSE 1 END) END,
                 'Kiểm tra nguồn, đọc kỹ và đối chiếu trước khi tin.', ARRAY['media_literacy'],
                 CASE WHEN p.genuine THEN '{}'::text[] ELSE ARRAY[p.measures] END, (ARRAY['easy', 'medium', 'hard'])[1 + p.pos % 3], p.points,
                 timestamptz '2026-09-01 09:00+07', ${admin}, timestamptz '2026-08-25 09:00+07', timestamptz '2026-08-25 09:00+07'
            FROM bench_pos p JOIN (VALUES ${texts.join(', ')}) AS t (item_no, text) ON t.item_no = p.item_no ORDER BY p.item_no`);
        const title = `Khảo sát nhận diện tin giả THCS ${YEAR}`;
        await q(`
          INSERT INTO lesson (id, province_id, title, kind, level, grade_min, grade_max, duration_minutes, summary, objectives, body, created_by, created_at, updated_at)
          SELECT ${id('lesson', 'f')}, ${prov}, ${lit(title)} || ' — Đề ' || chr(65 + f), 'MEDIA_LITERACY', 'THCS', 6, 9, 20,
                 'Bài khảo sát: không tính điểm học tập, giúp nhà trường biết chương trình có hiệu quả.',
                 jsonb_build_array('Đo kỹ năng trước và sau chương trình'),
                 jsonb_build_array(jsonb_build_object('type', 'paragraph', 'text', 'Hãy đọc kỹ từng nội dung và trả lời theo suy nghĩ của em.')),
                 ${admin}, timestamptz '2026-09-01 09:00+07', timestamptz '2026-09-01 09:00+07'
            FROM generate_series(0, 1) f`);
        await q(`INSERT INTO lesson_item (lesson_id, item_id, position) SELECT ${id('lesson', 'form_no')}, ${id('item', 'item_no')}, pos FROM bench_pos`);
        await q(`UPDATE lesson SET locked_at = timestamptz '2026-09-01 09:00+07' WHERE province_id = ${prov}`);
        await q(
          `INSERT INTO diagnostic (id, province_id, school_year, level, kind, title, form_a_lesson_id, form_b_lesson_id, created_by, created_at)
           VALUES (${diag}, ${prov}, '${YEAR}', 'THCS', 'MEDIA_LITERACY', $1, ${id('lesson', 0)}, ${id('lesson', 1)}, ${admin}, timestamptz '2026-09-01 09:00+07')`,
          [title],
        );
        await q(`
          INSERT INTO diagnostic_item (diagnostic_id, item_id, form, position, measures, genuine)
          SELECT ${diag}, ${id('item', 'item_no')}, chr(65 + form_no), pos, measures, genuine FROM bench_pos ORDER BY item_no`);
        // The rounds, as openRound for the whole province: per school and form one assignment for all its classes.
        counts.assignments = await rows(`
          INSERT INTO assignment (id, school_id, lesson_id, opens_at, due_at, created_by, created_at, updated_at, diagnostic_id, diagnostic_phase, diagnostic_form)
          SELECT ${id('assignment', 's * 4 + r.ph * 2 + f')}, ${id('school', 's')}, ${id('lesson', 'f')}, r.opens, r.opens + ${ROUND_LENGTH}, ${admin},
                 r.opens - interval '3 days', r.opens - interval '3 days', ${diag}, r.phase, chr(65 + f)
            FROM generate_series(0, ${S - 1}) s CROSS JOIN generate_series(0, 1) f
           CROSS JOIN (VALUES (0, 'pre', ${PRE_OPENS}), (1, 'post', ${POST_OPENS})) AS r (ph, phase, opens)
           ORDER BY s, r.ph, f`);
        await q(`
          INSERT INTO assignment_class (assignment_id, class_id)
          SELECT ${id('assignment', 's * 4 + a')}, ${id('schoolClass', `s * ${C} + k`)}
            FROM generate_series(0, ${S - 1}) s CROSS JOIN generate_series(0, 3) a CROSS JOIN generate_series(0, ${C - 1}) k ORDER BY s, a, k`);
        return `${counts.items} items, 2 form lessons, ${int(counts.assignments)} assignments (pre and post, forms A and B, per school)`;
      }),
    );

    // ---- Every student's answers. Per school its participation and how well its program works
    // (eff: 15% little, 60% middling, 25% well), per class a teacher effect on that, per student a
    // skill θ in (−1, 1). Before the program students trust genuine content ~74% of the time and
    // false content ~52%; after it, false trust falls with eff (and genuine trust a little: some
    // students learn to distrust everything, which the skepticism figure is for). Items are blank
    // 2% of the time; 0.4% of the tests are handed in blank. The form before is dealt as the
    // server's dealForms deals it: alternately inside each class in a hashed order.
    await phase('answers', async () => {
      await q(`
        CREATE TEMP TABLE bench_school AS
        SELECT s, CASE WHEN ${U('s', 71)} < 0.15 THEN 0.1 + 0.2 * ${U('s', 72)} WHEN ${U('s', 71)} < 0.75 THEN 0.4 + 0.4 * ${U('s', 72)} ELSE 0.8 + 0.2 * ${U('s', 72)} END AS eff,
               0.92 + 0.07 * ${U('s', 73)} AS pre_rate, 0.86 + 0.10 * ${U('s', 74)} AS post_rate
          FROM generate_series(0, ${S - 1}) s`);
      await q(`
        CREATE TEMP TABLE bench_student AS
        SELECT n, s, c, pre_form, theta, greatest(0, least(1, b.eff + 0.3 * (${U('c', 75)} - 0.5))) AS eff,
               ${U('n', 77)} < b.pre_rate AS took_pre,
               ${U('n', 78)} < CASE WHEN ${U('n', 77)} < b.pre_rate THEN b.post_rate ELSE 0.6 * b.post_rate END AS took_post,
               ${U('n', 79)} < 0.004 AS blank_pre, ${U('n', 80)} < 0.004 AS blank_post
          FROM (SELECT n, n / ${C * N} AS s, n / ${N} AS c, ${U('n', 76)} + ${U('n', 81)} - 1 AS theta,
                       CASE WHEN row_number() OVER (PARTITION BY n / ${N} ORDER BY hashtext(${id('student', 'n')}::text || ${diag}::text), ${id('student', 'n')}) % 2 = 1
                            THEN 'A' ELSE 'B' END AS pre_form
                  FROM generate_series(0, ${S * C * N - 1}) n) x
          JOIN bench_school b USING (s)`);
      // Per student and test (ph 0 = pre, 1 = post, taken only): bit masks over the 12 positions of
      // the form taken: answered, trusted (rated reliable), verdict right, evidence right
      // (claim_check). score = verdict points + evidence points.
      const key = `(b.n::int8 * 2 + t.ph) * 16 + p.pos`;
      const blank = `CASE t.ph WHEN 0 THEN b.blank_pre ELSE b.blank_post END`;
      const trustP = `CASE WHEN p.genuine THEN ${clamp(`0.74 + 0.12 * b.theta + 0.2 * (${U('p.item_no', 86)} - 0.5) - 0.06 * t.ph * b.eff`)}
                           ELSE ${clamp(`0.52 - 0.18 * b.theta + 0.2 * (${U('p.item_no', 86)} - 0.5) - 0.30 * t.ph * b.eff`)} END`;
      await q(`
        CREATE TEMP TABLE bench_sp AS
        SELECT x.*, ${bits('x.vr')} + ${bits(`x.er & ${CLAIM}`)} AS score
          FROM (
            SELECT b.n, b.s, b.c, t.ph, f.form_no, m.ans, m.tr, m.vr, m.er
              FROM bench_student b CROSS JOIN (VALUES (0), (1)) AS t (ph)
             CROSS JOIN LATERAL (SELECT CASE WHEN (b.pre_form = 'A') = (t.ph = 0) THEN 0 ELSE 1 END AS form_no) f
             CROSS JOIN LATERAL (
               SELECT bit_or(a.answered::int << a.pos) AS ans, bit_or(a.trusted::int << a.pos) AS tr,
                      bit_or(a.verdict_right::int << a.pos) AS vr, bit_or(a.evidence_right::int << a.pos) AS er
                 FROM bench_pos p
                CROSS JOIN LATERAL (SELECT NOT ${blank} AND ${U(key, 82)} >= 0.02 AS answered) d
                CROSS JOIN LATERAL (SELECT d.answered AND ${U(key, 83)} < ${trustP} AS trusted) r
                CROSS JOIN LATERAL (SELECT p.pos, d.answered, r.trusted,
                                           d.answered AND CASE WHEN p.genuine THEN r.trusted ELSE NOT r.trusted AND (NOT p.claim OR ${U(key, 84)} >= 0.12) END AS verdict_right,
                                           d.answered AND p.claim AND ${U(key, 85)} < ${clamp('0.45 + 0.25 * b.theta + 0.2 * t.ph * b.eff')} AS evidence_right) a
                WHERE p.form_no = f.form_no) m
             WHERE CASE t.ph WHEN 0 THEN b.took_pre ELSE b.took_post END) x`);
      await q(`CREATE UNIQUE INDEX ON bench_sp (n, ph); ANALYZE bench_sp; ANALYZE bench_student`);
      const [r] = (await q(`SELECT count(*) FILTER (WHERE ph = 0)::int AS pre, count(*) FILTER (WHERE ph = 1)::int AS post FROM bench_sp`)).rows;
      counts.preTaken = r.pre;
      counts.postTaken = r.post;
      return `${int(r.pre)} pre-tests and ${int(r.post)} post-tests taken (${int((r.pre + r.post) * ITEMS)} answers drawn)`;
    });

    // ---- diagnostic_student: every enrolled student was dealt a form; the outcomes of the tests taken.
    await phase('diagnostic_student', async () => {
      const outcome = (a) => `CASE WHEN ${a}.n IS NOT NULL THEN jsonb_build_object(
          'percent', (100 * ${a}.score)::float8 / ${MAX_POINTS},
          'genuineRated', ${bits(`${a}.ans & ${GENUINE}`)}, 'genuineTrusted', ${bits(`${a}.tr & ${GENUINE}`)},
          'falseRated', ${bits(`${a}.ans & ${ALL & ~GENUINE}`)}, 'falseTrusted', ${bits(`${a}.tr & ${ALL & ~GENUINE}`)}) END`;
      counts.diagnosticStudents = await rows(`
        INSERT INTO diagnostic_student (diagnostic_id, student_id, pre_form, class_id, pre, post, updated_at)
        SELECT ${diag}, ${id('student', 'b.n')}, b.pre_form, ${id('schoolClass', 'b.c')}, ${outcome('p0')}, ${outcome('p1')},
               CASE WHEN p1.n IS NOT NULL THEN ${POST_OPENS} + ${U('b.n', 90)} * ${ROUND_LENGTH}
                    WHEN p0.n IS NOT NULL THEN ${PRE_OPENS} + ${U('b.n', 91)} * ${ROUND_LENGTH} ELSE ${PRE_OPENS} END
          FROM bench_student b LEFT JOIN bench_sp p0 ON p0.n = b.n AND p0.ph = 0 LEFT JOIN bench_sp p1 ON p1.n = b.n AND p1.ph = 1
         ORDER BY b.n`);
      return `${int(counts.diagnosticStudents)} rows`;
    });

    // ---- The roll-ups. Class sums from the student rows; item sums (x = the item's score as a
    // fraction, y = the rest of the form in points, as itemPoints) and technique tallies (false
    // items only, a blank is missed, as tagMisses) per school from the same answers.
    await phase('class_sums', async () => {
      counts.classSums = await rows(CLASS_SUMS_SQL, [diagnosticId]);
      return `${int(counts.classSums)} classes`;
    });
    await phase('item_and_tag_sums', async () => {
      counts.schoolItems = await rows(`
        INSERT INTO diagnostic_school_item (diagnostic_id, school_id, item_id, phase, n, x_sum, x_sum_sq, y_sum, y_sum_sq, xy_sum)
        SELECT ${diag}, ${id('school', 'sp.s')}, ${id('item', 'p.item_no')}, CASE sp.ph WHEN 0 THEN 'pre' ELSE 'post' END,
               count(*), sum(v.x), sum(v.x * v.x), sum(v.y), sum(v.y * v.y), sum(v.x * v.y)
          FROM bench_sp sp JOIN bench_pos p ON p.form_no = sp.form_no
         CROSS JOIN LATERAL (SELECT ((sp.vr >> p.pos) & 1) + CASE WHEN p.claim THEN (sp.er >> p.pos) & 1 ELSE 0 END AS points) i
         CROSS JOIN LATERAL (SELECT i.points::float8 / p.points AS x, (sp.score - i.points)::float8 AS y) v
         GROUP BY sp.s, p.item_no, sp.ph
         ORDER BY sp.s, p.item_no, sp.ph`);
      counts.schoolTags = await rows(`
        INSERT INTO diagnostic_school_tag (diagnostic_id, school_id, phase, tag, responses, missed)
        SELECT ${diag}, ${id('school', 'sp.s')}, CASE sp.ph WHEN 0 THEN 'pre' ELSE 'post' END, p.measures,
               count(*), count(*) FILTER (WHERE NOT k.correct)
          FROM bench_sp sp JOIN bench_pos p ON p.form_no = sp.form_no AND NOT p.genuine
         CROSS JOIN LATERAL (SELECT CASE WHEN p.claim THEN ((sp.vr & sp.er) >> p.pos) & 1 = 1 ELSE (sp.vr >> p.pos) & 1 = 1 END AS correct) k
         GROUP BY sp.s, sp.ph, p.measures
         ORDER BY sp.s, sp.ph, p.measures`);
      return `${int(counts.schoolItems)} school × item × phase rows, ${int(counts.schoolTags)} school × phase × technique rows`;
    });
    await q(`DROP TABLE bench_sp, bench_student, bench_school, bench_pos`);

    await phase('vacuum_analyze', async () => {
      await q(`VACUUM ANALYZE`);
    });
    timings.total = Math.round(performance.now() - totalStart);
    const databaseBytes = Number((await q(`SELECT pg_database_size(current_database()) AS b`)).rows[0].b);
    log(`  ${'total'.padEnd(20)} ${fmtMs(timings.total).padStart(12)}  database ${fmtBytes(databaseBytes)}`);
    return { provinceId, diagnosticId, deptUsername, password: BENCH_PASSWORD, schoolYear: YEAR, timings, databaseBytes, counts };
  } finally {
    await db.end();
  }
}

/**
 * Checks that a generated diagnostic holds together, in SQL: the class sums count the student
 * rows; per school and test the item roll-up has one response per item per taker, and its points
 * (Σ x × points over the items) add up to the students' scores (Σ percent × max / 100); every
 * technique was answered once per taker. Returns the checks (each with ok) and the sizes.
 */
export async function checkDiagnosticsProvince(databaseUrl, diagnosticId) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const one = async (sql) => (await db.query(sql, [diagnosticId])).rows[0];
    const students = await one(`
      SELECT count(*)::int AS rows, count(pre)::int AS pre, count(post)::int AS post, count(*) FILTER (WHERE pre IS NOT NULL AND post IS NOT NULL)::int AS pair,
             (SELECT count(*)::int FROM enrollment e JOIN school_class c ON c.id = e.class_id JOIN diagnostic d ON d.id = $1
               JOIN school s ON s.id = c.school_id AND s.province_id = d.province_id) AS enrolled
        FROM diagnostic_student WHERE diagnostic_id = $1`);
    const sums = await one(
      `SELECT sum(pre_n)::int AS pre, sum(post_n)::int AS post, sum(pair_n)::int AS pair FROM diagnostic_class_sums WHERE diagnostic_id = $1`,
    );
    const byTest = `
      WITH takers AS (
        SELECT c.school_id, ph.phase, ph.form, count(*) AS n, sum((ph.o->>'percent')::float8 * ${MAX_POINTS} / 100) AS points
          FROM diagnostic_student ds JOIN school_class c ON c.id = ds.class_id
         CROSS JOIN LATERAL (VALUES ('pre', ds.pre_form, ds.pre), ('post', CASE ds.pre_form WHEN 'A' THEN 'B' ELSE 'A' END, ds.post)) AS ph (phase, form, o)
         WHERE ds.diagnostic_id = $1 AND ph.o IS NOT NULL GROUP BY 1, 2, 3),
      items AS (
        SELECT x.school_id, x.phase, di.form, min(x.n) AS min_n, max(x.n) AS max_n, sum(x.x_sum * i.points) AS points, count(*) AS items
          FROM diagnostic_school_item x JOIN diagnostic_item di ON di.diagnostic_id = x.diagnostic_id AND di.item_id = x.item_id JOIN item i ON i.id = x.item_id
         WHERE x.diagnostic_id = $1 GROUP BY 1, 2, 3),
      tags AS (
        SELECT school_id, phase, min(responses) AS min_r, max(responses) AS max_r FROM diagnostic_school_tag WHERE diagnostic_id = $1 GROUP BY 1, 2)`;
    const items = await one(`${byTest}
      SELECT count(*)::int AS tests,
             count(*) FILTER (WHERE i.items = ${ITEMS} AND i.min_n = t.n AND i.max_n = t.n)::int AS items_counted,
             max(abs(i.points - t.points))::float AS max_points_diff
        FROM takers t JOIN items i USING (school_id, phase, form)`);
    const tags = await one(`${byTest}
      SELECT count(*)::int AS school_phases, count(*) FILTER (WHERE g.min_r = g.max_r AND g.min_r = (SELECT sum(n) FROM takers t WHERE t.school_id = g.school_id AND t.phase = g.phase))::int AS tags_counted
        FROM tags g`);
    const sizes = await one(`
      SELECT (SELECT count(*)::int FROM diagnostic_class_sums WHERE diagnostic_id = $1) AS class_sums,
             (SELECT count(*)::int FROM diagnostic_school_item WHERE diagnostic_id = $1) AS school_items,
             (SELECT count(*)::int FROM diagnostic_school_tag WHERE diagnostic_id = $1) AS school_tags,
             pg_size_pretty(pg_total_relation_size('diagnostic_student')) AS diagnostic_student_size`);
    const checks = [
      {
        check: 'a diagnostic_student row per enrolment',
        ok: students.rows === students.enrolled,
        detail: `${students.rows} rows, ${students.enrolled} enrolments`,
      },
      {
        check: 'class sums count the student rows',
        ok: sums.pre === students.pre && sums.post === students.post && sums.pair === students.pair,
        detail: `pre ${sums.pre}/${students.pre}, post ${sums.post}/${students.post}, paired ${sums.pair}/${students.pair}`,
      },
      {
        check: 'item roll-up: one response per item per taker',
        ok: items.items_counted === items.tests,
        detail: `${items.items_counted} of ${items.tests} school × test × form`,
      },
      { check: "item roll-up points = the students' scores", ok: items.max_points_diff < 1e-6, detail: `max difference ${items.max_points_diff}` },
      {
        check: 'technique tallies: one response per technique per taker',
        ok: tags.tags_counted === tags.school_phases,
        detail: `${tags.tags_counted} of ${tags.school_phases} school × test`,
      },
    ];
    return { checks, students, sizes };
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
  const name = uniqueDatabaseName('tt_bench_diag');
  const url = databaseUrl(adminUrl, name);
  const t0 = performance.now();
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  let keep = false;
  try {
    await promisify(execFile)(process.execPath, [SERVER_CLI, 'migrate'], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'test' } });
    console.log(`database ${name} migrated in ${fmtMs(performance.now() - t0)}`);
    const result = await generateDiagnosticsProvince(url, {
      schools: option('--schools', 1000),
      classesPerSchool: option('--classes', 20),
      studentsPerClass: option('--students', 25),
    });
    const { checks, sizes } = await checkDiagnosticsProvince(url, result.diagnosticId);
    console.log('\ncounts:', JSON.stringify(result.counts));
    console.log('sizes:', JSON.stringify(sizes));
    console.table(checks);
    console.log(`timings (ms): ${JSON.stringify(result.timings)}`);
    console.log(`database size: ${fmtBytes(result.databaseBytes)}`);
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
    keep = !argv.includes('--drop');
    if (keep) console.log(`kept: ${url}\n  dept admin ${result.deptUsername} / ${result.password}, diagnostic ${result.diagnosticId}`);
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
