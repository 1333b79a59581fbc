import { schoolYearOf } from '@tinhtao/shared';
import pg from 'pg';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { hoursFromNow, testNow } from '../../support/clock.js';

/**
 * A student's data: a full copy on request; erasure that removes who they were and what they
 * wrote while the province's figures, which count their scores, stay exactly as they were;
 * the audit trail the Department reads.
 */
let app: TestApp;
let anon: Api;
let db: pg.Client;
const year = schoolYearOf(testNow());

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await app?.stop();
});

describe('personal data', () => {
  it('gives a student, and the school, a copy of everything stored about the student', async () => {
    const hs2 = await anon.signedIn('hs2');
    const me = (await hs2.get('/api/me')).body;
    const res = await fetch(`${app.url}/api/users/${me.id}/export`, { headers: { authorization: `Bearer ${hs2.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const data = await res.json();
    expect(data.account).toMatchObject({ id: me.id, username: 'hs2', fullName: me.fullName, role: 'student', schoolName: 'Trường THCS Đông Kinh' });
    expect(data.account).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(data)).not.toMatch(/argon2|password_hash/);
    expect(data.enrollments).toEqual([{ schoolYear: year, className: '8A1', schoolName: 'Trường THCS Đông Kinh' }]);
    const stored = Number((await db.query(`SELECT count(*) FROM attempt WHERE student_id = $1`, [me.id])).rows[0].count);
    expect(stored).toBeGreaterThan(0);
    expect(data.attempts).toHaveLength(stored);
    expect(data.attempts.some((a: { responses: unknown[] }) => a.responses.length > 0)).toBe(true);
    expect(data.sessions.length).toBeGreaterThan(0);
    // The pre/post diagnostic's outcome rows: the forms dealt and each form's graded figures, as the class's results show them.
    const outcomes = (
      await db.query(
        `SELECT d.title, ds.pre_form, ds.pre, ds.post FROM diagnostic_student ds JOIN diagnostic d ON d.id = ds.diagnostic_id WHERE ds.student_id = $1`,
        [me.id],
      )
    ).rows;
    expect(outcomes.length).toBeGreaterThan(0);
    expect(
      data.diagnostics.map((d: { diagnostic: string; preForm: string; postForm: string; pre: unknown; post: unknown }) => [
        d.diagnostic,
        d.preForm,
        d.postForm,
        d.pre,
        d.post,
      ]),
    ).toEqual(outcomes.map((o) => [o.title, o.pre_form, o.pre_form === 'A' ? 'B' : 'A', o.pre, o.post]));
    expect(data.diagnostics[0]).toMatchObject({ className: '8A1', schoolYear: year, kind: 'MEDIA_LITERACY' });

    const head = await anon.signedIn('thcs1-admin');
    const [diagnostic] = (await head.get('/api/diagnostics')).body;
    const cls = (await head.get('/api/classes')).body.find((c: { name: string }) => c.name === '8A1');
    const shown = (await head.get(`/api/diagnostics/${diagnostic.id}/results?classId=${cls.id}`)).body.students.find((s: { id: string }) => s.id === me.id);
    const copied = data.diagnostics.find((d: { diagnostic: string }) => d.diagnostic === diagnostic.title);
    expect([copied.pre?.percent ?? null, copied.post?.percent ?? null]).toEqual([shown.pre, shown.post]);

    expect((await head.get(`/api/users/${me.id}/export`)).body.account.username).toBe('hs2');
    expectProblem(await (await anon.signedIn('gv1')).get(`/api/users/${me.id}/export`), 403);
    expectProblem(await (await anon.signedIn('so2-admin')).get(`/api/users/${me.id}/export`), 404);
  });

  it('erases a student: name, login and answers gone; scores kept unnamed, so coverage does not move', async () => {
    const head = await anon.signedIn('thcs1-admin');
    const dept = await anon.signedIn('so-admin');
    const hs3 = (await head.get('/api/users?q=hs3&role=student')).body.items.find((u: { username: string }) => u.username === 'hs3');
    const coverage = async () => {
      const c = (await dept.get(`/api/coverage?year=${year}&level=THCS`)).body;
      return { totals: c.totals, schools: c.schools.map((s: { id: string; kinds: unknown; students: number }) => [s.id, s.kinds, s.students]) };
    };
    const before = await coverage();
    const attempts = Number((await db.query(`SELECT count(*) FROM attempt WHERE student_id = $1 AND status = 'submitted'`, [hs3.id])).rows[0].count);
    expect(attempts).toBeGreaterThan(0);

    expectProblem(await (await anon.signedIn('gv1')).post(`/api/users/${hs3.id}/erase`), 403);
    const erased = await head.post(`/api/users/${hs3.id}/erase`);
    expect(erased.status).toBe(200);

    const row = (await db.query(`SELECT full_name, username, birth_date, gender, student_code, active FROM app_user WHERE id = $1`, [hs3.id])).rows[0];
    expect(row).toMatchObject({ full_name: 'Học sinh đã xoá dữ liệu', birth_date: null, gender: null, student_code: null, active: false });
    expect(row.username).toMatch(/^xoa-[0-9a-f]{12}$/);
    expect(
      Number((await db.query(`SELECT count(*) FROM response r JOIN attempt t ON t.id = r.attempt_id WHERE t.student_id = $1`, [hs3.id])).rows[0].count),
    ).toBe(0);
    expect(Number((await db.query(`SELECT count(*) FROM attempt WHERE student_id = $1 AND status = 'submitted'`, [hs3.id])).rows[0].count)).toBe(attempts);
    expect(Number((await db.query(`SELECT count(*) FROM auth_session WHERE user_id = $1 AND revoked_at IS NULL`, [hs3.id])).rows[0].count)).toBe(0);
    expectProblem(await anon.post('/api/auth/login', { username: 'hs3', password: 'Demo@2026' }), 401);
    expect(await coverage()).toEqual(before);
    // A rebuild from the attempts agrees: the counts stay with the erased, unnamed account.
    await db.query(`SELECT coverage_rebuild(id, $1) FROM province WHERE code = 'DEMO'`, [year]);
    expect(await coverage()).toEqual(before);
    // The class's progress shows the erased student without a name.
    const cls = (await db.query(`SELECT class_id FROM enrollment WHERE student_id = $1`, [hs3.id])).rows[0].class_id;
    const progress = (await head.get(`/api/classes/${cls}/progress`)).body;
    expect(progress.students.map((s: { fullName: string }) => s.fullName)).toContain('Học sinh đã xoá dữ liệu');
    expect(JSON.stringify(progress)).not.toContain('"hs3"');
  });

  it("shows the dept admin the province's audit trail, filtered, and nobody else", async () => {
    const dept = await anon.signedIn('so-admin');
    const all = await dept.get('/api/audit?limit=500');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
    const erasures = (await dept.get('/api/audit?action=user.erased')).body;
    expect(erasures.total).toBe(1);
    expect(erasures.items[0]).toMatchObject({
      action: 'user.erased',
      entity: 'user',
      actor: { username: 'thcs1-admin', role: 'school_admin' },
      schoolName: 'Trường THCS Đông Kinh',
    });
    // A copy is filed under the person's school, so the school filter finds it.
    const copies = (await dept.get('/api/audit?action=user.exported')).body;
    expect(copies.items.length).toBeGreaterThan(0);
    expect(copies.items.every((e: { schoolName: string | null }) => e.schoolName === 'Trường THCS Đông Kinh')).toBe(true);
    const byActor = (await dept.get(`/api/audit?actorId=${erasures.items[0].actor.id}`)).body;
    expect(byActor.items.every((e: { actor: { username: string } }) => e.actor.username === 'thcs1-admin')).toBe(true);
    expect((await dept.get('/api/audit?q=thcs1-admin')).body.total).toBe(byActor.total);
    const future = hoursFromNow(24);
    expect((await dept.get(`/api/audit?from=${encodeURIComponent(future)}`)).body).toEqual({ items: [], total: 0, names: {} });
    // The erased student's event names the placeholder, never the name that was erased; a copy names its person.
    expect(erasures.items[0].entityName).toBe('Học sinh đã xoá dữ liệu');
    expect(copies.items.every((e: { entityName: string | null }) => typeof e.entityName === 'string' && e.entityName.length > 0)).toBe(true);
    // Another province's events are not there.
    const theirs = (await (await anon.signedIn('so2-admin')).get('/api/audit?limit=500')).body.items.map((e: { id: string }) => e.id);
    expect(theirs.some((id: string) => all.body.items.some((e: { id: string }) => e.id === id))).toBe(false);
    expectProblem(await (await anon.signedIn('thcs1-admin')).get('/api/audit'), 403);
    expectProblem(await dept.get('/api/audit?action=DROP TABLE'), 400, 'VALIDATION_FAILED');
  });
});
