import { Api, DEMO_PASSWORD, expectProblem } from '../../support/api.js';
import { startApp, type TestApp } from '../../support/app.js';

let app: TestApp;
let api: Api;

beforeAll(async () => {
  // Low limits so the throttle can be reached quickly; each test uses its own account.
  app = await startApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_LOCK_SECONDS: '60' });
  api = new Api(app.url);
});
afterAll(() => app?.stop());

describe('POST /api/auth/login', () => {
  it('answers tokens and the user for a demo login', async () => {
    const res = await api.post('/api/auth/login', { username: 'gv1', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'gv1', role: 'teacher', fullName: 'Nguyễn Thị Lan' });
    expect(res.body.user.schoolId).toEqual(expect.any(String));
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    expect(res.body.refreshToken.length).toBeGreaterThan(30);
  });

  it('accepts the username in any case and with spaces around it', async () => {
    const res = await api.post('/api/auth/login', { username: '  GV1 ', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const wrong = expectProblem(await api.post('/api/auth/login', { username: 'hs2', password: 'nope' }), 401, 'INVALID_CREDENTIALS');
    const unknown = expectProblem(await api.post('/api/auth/login', { username: 'no-such-user', password: 'nope' }), 401, 'INVALID_CREDENTIALS');
    expect(unknown).toEqual(wrong);
  });

  it('throttles an account after repeated failures, even for the right password, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expectProblem(await api.post('/api/auth/login', { username: 'hs3', password: `bad-${i}` }), 401, 'INVALID_CREDENTIALS');
    const right = await api.post('/api/auth/login', { username: 'hs3', password: DEMO_PASSWORD });
    expectProblem(right, 429, 'TOO_MANY_ATTEMPTS');
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another account from the same address is not locked by it.
    expect((await api.post('/api/auth/login', { username: 'hs4', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('refuses a body without a password, listing the field', async () => {
    const problem = expectProblem(await api.post('/api/auth/login', { username: 'gv1' }), 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });
});

describe('GET /api/me', () => {
  it('answers the caller', async () => {
    const login = await api.login('thcs1-admin');
    const res = await api.as(login.accessToken).get('/api/me');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...login.user, username: 'thcs1-admin' });
  });

  it('needs a token, and takes it only from the Authorization header', async () => {
    expectProblem(await api.get('/api/me'), 401, 'UNAUTHENTICATED');
    const { accessToken } = await api.login('gv1');
    expectProblem(await api.get(`/api/me?access_token=${accessToken}`), 401, 'UNAUTHENTICATED');
    expectProblem(await api.get(`/api/me?token=${accessToken}`), 401, 'UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret', async () => {
    const { accessToken } = await api.login('gv1');
    const [h, p] = accessToken.split('.');
    expectProblem(await api.as(`${h}.${p}.${'A'.repeat(43)}`).get('/api/me'), 401, 'UNAUTHENTICATED');
  });
});

describe('POST /api/auth/refresh', () => {
  it('rotates: a new pair, and the old refresh token is spent', async () => {
    const first = await api.login('hs5');
    const second = await api.post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await api.as(second.body.accessToken).get('/api/me')).body.username).toBe('hs5');
    const third = await api.post('/api/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);
  });

  it('revokes the whole family when a spent token comes back', async () => {
    const first = await api.login('hs6');
    const second = (await api.post('/api/auth/refresh', { refreshToken: first.refreshToken })).body;
    expectProblem(await api.post('/api/auth/refresh', { refreshToken: first.refreshToken }), 401, 'REFRESH_REUSED');
    // The thief's replay ended the legitimate holder's session too.
    expectProblem(await api.post('/api/auth/refresh', { refreshToken: second.refreshToken }), 401, 'REFRESH_INVALID');
    expectProblem(await api.as(second.accessToken).get('/api/me'), 401, 'UNAUTHENTICATED');
    // Another login of the same account is untouched.
    const other = await api.login('hs6');
    expect((await api.as(other.accessToken).get('/api/me')).status).toBe(200);
  });

  it('lets only one of two simultaneous refreshes with the same token succeed', async () => {
    const first = await api.login('hs7');
    const results = await Promise.all([1, 2].map(() => api.post('/api/auth/refresh', { refreshToken: first.refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('refuses an unknown token', async () => {
    expectProblem(await api.post('/api/auth/refresh', { refreshToken: 'x'.repeat(43) }), 401, 'REFRESH_INVALID');
  });
});

describe('POST /api/auth/logout', () => {
  it('revokes the refresh family and the access token at once', async () => {
    const login = await api.login('hs8');
    const res = await api.as(login.accessToken).post('/api/auth/logout', { refreshToken: login.refreshToken });
    expect(res.status).toBe(204);
    expectProblem(await api.post('/api/auth/refresh', { refreshToken: login.refreshToken }), 401, 'REFRESH_INVALID');
    expectProblem(await api.as(login.accessToken).get('/api/me'), 401, 'UNAUTHENTICATED');
  });

  it("cannot revoke another user's session", async () => {
    const victim = await api.login('hs9');
    const attacker = await api.login('hs10');
    expect((await api.as(attacker.accessToken).post('/api/auth/logout', { refreshToken: victim.refreshToken })).status).toBe(204);
    expect((await api.post('/api/auth/refresh', { refreshToken: victim.refreshToken })).status).toBe(200);
  });
});

describe('POST /api/me/password', () => {
  it('changes the password, ends the other sessions and keeps this one', async () => {
    const other = await api.login('hs11');
    const me = await api.login('hs11');
    const client = api.as(me.accessToken);
    expectProblem(await client.post('/api/me/password', { currentPassword: 'wrong', newPassword: 'NewPass2026' }), 400, 'WRONG_PASSWORD');
    expectProblem(await client.post('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' }), 400, 'VALIDATION_FAILED');
    expect((await client.post('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'NewPass2026' })).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(200);
    expectProblem(await api.as(other.accessToken).get('/api/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await api.post('/api/auth/login', { username: 'hs11', password: DEMO_PASSWORD }), 401, 'INVALID_CREDENTIALS');
    expect((await api.post('/api/auth/login', { username: 'hs11', password: 'NewPass2026' })).status).toBe(200);
  });
});
