import { schoolYearOf } from '@tinhtao/shared';
import pg from 'pg';

import { Api, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';
import { testNow } from '../../support/clock.js';

let app: TestApp;
let anon: Api;
let dept: Api;
let db: pg.Client;
const year = schoolYearOf(testNow());

const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].count);

beforeAll(async () => {
  app = await startApp();
  anon = new Api(app.url);
  dept = await anon.signedIn('so-admin');
  db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await app?.stop();
});

describe('a dept admin brings a school in', () => {
  it('creates a school, a teacher, a class and students, and enrolls them; each step is audited', async () => {
    // The demo seed wrote its own history (curricula published, imports, assignments): look at what comes after it.
    const seeded = await count('SELECT count(*) FROM audit_event');
    expect(seeded).toBeGreaterThan(0);
    const lastSeeded = await count('SELECT max(id) AS count FROM audit_event');
    const areas = (await dept.get('/api/areas')).body as { id: string }[];
    const school = await dept.post('/api/schools', { name: 'Trường THCS Tân Thanh', level: 'THCS', ministryCode: '20000199', areaId: areas[0].id });
    expect(school.status).toBe(201);
    expect(school.body).toMatchObject({ name: 'Trường THCS Tân Thanh', level: 'THCS', ministryCode: '20000199', areaId: areas[0].id });

    const teacher = await dept.post('/api/users', { username: 'gv.tanthanh', fullName: 'Phạm Thu Hà', role: 'teacher', schoolId: school.body.id });
    expect(teacher.status).toBe(201);
    expect(teacher.body.mustChangePassword).toBe(true);
    expect(teacher.body.temporaryPassword).toMatch(/^[a-z2-9]{8}$/);
    // The one-time password works, and the account must change it.
    const login = await anon.login('gv.tanthanh', teacher.body.temporaryPassword);
    expect(login.user.mustChangePassword).toBe(true);

    const cls = await dept.post('/api/classes', { schoolId: school.body.id, name: '6A1', grade: 6, schoolYear: year, teacherIds: [teacher.body.id] });
    expect(cls.status).toBe(201);
    expect(cls.body).toMatchObject({ name: '6A1', grade: 6, schoolYear: year, teacherIds: [teacher.body.id], studentCount: 0 });

    const students = [];
    for (const n of [1, 2]) {
      const s = await dept.post('/api/users', {
        username: `tt.hs${n}`,
        fullName: `Học Sinh ${n}`,
        role: 'student',
        schoolId: school.body.id,
        password: 'Matkhau2026',
      });
      expect(s.status).toBe(201);
      expect(s.body.temporaryPassword).toBeUndefined();
      students.push(s.body.id);
    }
    const enrolled = await dept.post(`/api/classes/${cls.body.id}/students`, { studentIds: students });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.map((u: { username: string }) => u.username).sort()).toEqual(['tt.hs1', 'tt.hs2']);

    // The teacher now sees the class and its two students.
    const gv = anon.as(login.accessToken);
    expect((await gv.get('/api/classes')).body.map((c: { name: string }) => c.name)).toEqual(['6A1']);
    expect((await gv.get(`/api/classes/${cls.body.id}/students`)).body).toHaveLength(2);

    const actions = (
      await db.query(`SELECT action FROM audit_event WHERE actor_id = (SELECT id FROM app_user WHERE username = 'so-admin') AND id > $1 ORDER BY id`, [
        lastSeeded,
      ])
    ).rows.map((r) => r.action);
    expect(actions).toEqual(['school.created', 'user.created', 'class.created', 'user.created', 'user.created', 'class.enrolled']);
  });
});

describe('bad input', () => {
  it('lists every bad field and writes nothing', async () => {
    const before = await count('SELECT count(*) FROM school');
    const res = await dept.post('/api/schools', { name: 'X', level: 'TIEU_HOC', ministryCode: 'có dấu' });
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(['level', 'ministryCode', 'name']);
    expect(await count('SELECT count(*) FROM school')).toBe(before);
  });

  it('refuses a duplicate ministry code and a duplicate username with the field named', async () => {
    const dup = expectProblem(
      await dept.post('/api/schools', { name: 'Trường THCS Trùng Mã', level: 'THCS', ministryCode: '20000101' }),
      409,
      'MINISTRY_CODE_TAKEN',
    );
    expect(dup.errors).toEqual([{ field: 'ministryCode', message: 'Already used', code: 'taken.ministryCode', params: {} }]);
    const schools = (await dept.get('/api/schools?q=Đông Kinh')).body.items;
    expectProblem(await dept.post('/api/users', { username: 'GV1', fullName: 'Trùng Tên', role: 'teacher', schoolId: schools[0].id }), 409, 'USERNAME_TAKEN');
  });

  it('refuses a grade the school level does not teach', async () => {
    const thpt = (await dept.get('/api/schools?level=THPT')).body.items[0];
    expectProblem(await dept.post('/api/classes', { schoolId: thpt.id, name: '8Z', grade: 8, schoolYear: year }), 422, 'GRADE_NOT_IN_LEVEL');
  });

  it('refuses a teacher of another school as a class teacher, and a student of another school in a class', async () => {
    const sa = await anon.signedIn('thcs1-admin');
    const me = (await sa.get('/api/me')).body;
    const gv2 = (await dept.get('/api/users?q=gv2')).body.items[0];
    expectProblem(
      await sa.post('/api/classes', { schoolId: me.schoolId, name: '9B', grade: 9, schoolYear: year, teacherIds: [gv2.id] }),
      422,
      'INVALID_REFERENCE',
    );
    const cls = (await sa.get('/api/classes')).body.find((c: { name: string }) => c.name === '8A1');
    const hs31 = (await dept.get('/api/users?q=hs31')).body.items[0];
    expectProblem(await sa.post(`/api/classes/${cls.id}/students`, { studentIds: [hs31.id] }), 422, 'INVALID_REFERENCE');
  });

  it('keeps a student in one class per school year', async () => {
    const sa = await anon.signedIn('thcs1-admin');
    const me = (await sa.get('/api/me')).body;
    const other = await sa.post('/api/classes', { schoolId: me.schoolId, name: '8A2', grade: 8, schoolYear: year });
    expect(other.status).toBe(201);
    const hs5 = (await sa.get('/api/users?q=hs5')).body.items.find((u: { username: string }) => u.username === 'hs5');
    const problem = expectProblem(await sa.post(`/api/classes/${other.body.id}/students`, { studentIds: [hs5.id] }), 409, 'CONFLICT');
    expect(problem.detail).toContain('hs5 (8A1)');
  });

  it('does not delete a school, a class or an area that still holds data', async () => {
    const schools = (await dept.get('/api/schools')).body.items;
    expectProblem(await dept.delete(`/api/schools/${schools[0].id}`), 409, 'SCHOOL_NOT_EMPTY');
    const cls = (await dept.get('/api/classes')).body.find((c: { name: string }) => c.name === '8A1');
    expectProblem(await dept.delete(`/api/classes/${cls.id}`), 409, 'CLASS_NOT_EMPTY');
    expect(await count('SELECT count(*) FROM enrollment WHERE class_id = $1', [cls.id])).toBe(30);
  });

  it('answers a malformed id with 400, not 500', async () => {
    expectProblem(await dept.get('/api/schools/not-a-uuid'), 400, 'VALIDATION_FAILED');
    expectProblem(await dept.get('/api/users/1%27%20OR%201=1'), 400, 'VALIDATION_FAILED');
  });
});

describe('accounts', () => {
  it('deactivating an account ends its sessions and stops its logins', async () => {
    const victim = await anon.login('hs20');
    const id = victim.user.id;
    expect((await dept.delete(`/api/users/${id}`)).status).toBe(204);
    expectProblem(await anon.as(victim.accessToken).get('/api/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await anon.post('/api/auth/login', { username: 'hs20', password: 'Demo@2026' }), 401, 'INVALID_CREDENTIALS');
    expect((await dept.get(`/api/users/${id}`)).body.active).toBe(false);
  });

  it("a teacher resets a student's password: a one-time password, audited", async () => {
    const gv1 = await anon.signedIn('gv1');
    const hs21 = (await gv1.get('/api/users?q=hs21')).body.items.find((u: { username: string }) => u.username === 'hs21');
    const reset = await gv1.post(`/api/users/${hs21.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ username: 'hs21', temporaryPassword: expect.stringMatching(/^[a-z2-9]{8}$/) });
    const login = await anon.login('hs21', reset.body.temporaryPassword);
    expect(login.user.mustChangePassword).toBe(true);
    expect(await count(`SELECT count(*) FROM audit_event WHERE action = 'user.password_reset' AND entity_id = $1`, [hs21.id])).toBe(1);
  });
});

describe('province year settings', () => {
  it('saves targets and thresholds, and audits the value before and after', async () => {
    const before = (await dept.get(`/api/province-years/${year}`)).body;
    const next = { ...before, targets: { SAFETY: { THCS: 90, THPT: 85 }, MEDIA_LITERACY: { THCS: 60, THPT: 55 } }, schoolThreshold: 75 };
    delete next.provinceId;
    delete next.schoolYear;
    const res = await dept.put(`/api/province-years/${year}`, next);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schoolThreshold: 75, targets: next.targets, schoolYear: year });
    const audit = (await db.query(`SELECT detail FROM audit_event WHERE action = 'province_year.saved' ORDER BY id DESC LIMIT 1`)).rows[0].detail;
    expect(audit.before.schoolThreshold).toBe(before.schoolThreshold);
    expect(audit.after.schoolThreshold).toBe(75);
    expectProblem(await dept.put(`/api/province-years/${year}`, { ...next, passMark: 120 }), 400, 'VALIDATION_FAILED');
    expectProblem(await dept.put('/api/province-years/2026-2030', next), 400, 'VALIDATION_FAILED');
  });
});

describe('the demo province', () => {
  it('gives everyone a gender their name agrees with: no "Thị" is a boy, no "Văn" a girl', async () => {
    const people: { full_name: string; gender: string | null; role: string }[] = (
      await db.query(`SELECT full_name, gender, role FROM app_user WHERE role = 'student'`)
    ).rows;
    expect(people.length).toBeGreaterThan(100);
    const wrong = people.filter((p) => (/ Thị /.test(p.full_name) && p.gender !== 'F') || (/ Văn /.test(p.full_name) && p.gender !== 'M'));
    expect(wrong).toEqual([]);
    expect(people.filter((p) => / Thị /.test(p.full_name)).length).toBeGreaterThan(10);
    expect(people.filter((p) => / Văn /.test(p.full_name)).length).toBeGreaterThan(10);
    // Given names that only girls or only boys carry agree too.
    const given = (name: string) => name.split(' ').pop()!;
    const girls = new Set(people.filter((p) => p.gender === 'F').map((p) => given(p.full_name)));
    const boys = new Set(people.filter((p) => p.gender === 'M').map((p) => given(p.full_name)));
    expect([...girls].filter((g) => boys.has(g))).toEqual([]);
    for (const name of ['Mai', 'Lan', 'Trang']) expect(boys.has(name)).toBe(false);
    for (const name of ['Tuấn', 'Hùng', 'Đạt']) expect(girls.has(name)).toBe(false);
  });

  it('starts with an audit log of what the seed made, none of it later than the seed ran', async () => {
    const dept = await anon.signedIn('so-admin');
    const published = (await dept.get('/api/audit?action=curriculum.published&limit=100')).body;
    expect(published.total).toBe(4);
    expect(published.items.every((e: { actor: { username: string } }) => e.actor.username === 'so-admin')).toBe(true);
    const imports = (await dept.get('/api/audit?action=import.students&limit=100')).body;
    expect(imports.total).toBeGreaterThanOrEqual(20);
    const assignments = (await dept.get('/api/audit?action=assignment.created&limit=500')).body;
    expect(assignments.total).toBeGreaterThan(10);
    const gv1 = assignments.items.filter((e: { actor: { username: string } }) => e.actor.username === 'gv1');
    expect(gv1.length).toBeGreaterThan(0);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE at > $1`, [testNow()]);
    expect(rows[0].n).toBe(0);
  });
});
