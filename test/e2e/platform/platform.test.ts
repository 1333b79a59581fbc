import { spawn } from 'node:child_process';

import { Api, expectProblem } from '../../support/api.js';
import { exited, startApp, type TestApp } from '../../support/app.js';
import { ROOT, SERVER_CLI, SERVER_MAIN } from '../../support/database.js';

let app: TestApp;
let api: Api;

beforeAll(async () => {
  app = await startApp({ CORS_ORIGINS: 'https://cong-thong-tin.example.vn' });
  api = new Api(app.url);
});
afterAll(() => app?.stop());

describe('GET /api/health', () => {
  it('answers ok with the database up, and Redis up when configured (off otherwise)', async () => {
    const res = await api.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', redis: process.env.REDIS_URL ? 'up' : 'off' });
  });
});

describe('OpenAPI', () => {
  it('documents the contract at /api/docs, with the zod body schemas', async () => {
    const spec = (await api.get('/api/docs/openapi.json')).body;
    expect(spec.openapi).toMatch(/^3\./);
    const login = spec.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(['username', 'password']);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/me', '/api/classes', '/api/schools/{id}']));
    const ui = await fetch(`${app.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});

describe('problem details', () => {
  it('answers an unknown route, a bad JSON body and a huge body as problems, without a stack trace', async () => {
    const unknown = expectProblem(await api.get('/api/nothing-here'), 404, 'NOT_FOUND');
    expect(JSON.stringify(unknown)).not.toMatch(/at .*\.js/);
    expectProblem(await api.request('POST', '/api/auth/login', '{"username": "gv1", ', { 'content-type': 'application/json' }), 400, 'BAD_JSON');
    expectProblem(await api.request('POST', '/api/auth/login', JSON.stringify({ username: 'x', password: 'y'.repeat(2_000_000) })), 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('HTTP hardening', () => {
  it("sends helmet's security headers and hides the framework", async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await fetch(`${app.url}/api/health`, { headers: { origin: 'https://cong-thong-tin.example.vn' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://cong-thong-tin.example.vn');
    const refused = await fetch(`${app.url}/api/health`, { headers: { origin: 'https://evil.example.com' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('configuration', () => {
  async function run(env: Record<string, string>, args = [SERVER_MAIN]): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    return { code: await exited(child), output };
  }

  it('refuses to start in production with a default secret and demo data, naming every setting at once', async () => {
    const { code, output } = await run({ NODE_ENV: 'production', DEMO_DATA: 'true', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' });
    expect(code).toBe(1);
    expect(output).toContain('Refusing to start in production');
    expect(output).toContain('JWT_SECRET');
    expect(output).toContain('DEMO_DATA');
  });

  it('refuses to start in production on a database that holds the demo provinces', async () => {
    const { code, output } = await run({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-real-secret-of-more-than-thirty-two-characters',
      DATABASE_URL: app.databaseUrl,
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(output).toContain('the database holds the demo province(s) DEMO, DEMO2');
  });

  it('refuses to write the demo data in production from the command line, before touching any database', async () => {
    // The address answers nothing: had the command gone on, it would have failed on the connection instead.
    const { code, output } = await run(
      { NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-more-than-thirty-two-characters', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' },
      [SERVER_CLI, 'migrate', '--seed-demo'],
    );
    expect(code).toBe(1);
    expect(output).toContain('Refusing --seed-demo with NODE_ENV=production');
    expect(output).not.toMatch(/ECONNREFUSED|connect/);
  });

  it('explains a bad value clearly', async () => {
    const { code, output } = await run({ PORT: 'tám nghìn', REDIS_URL: 'http://nope' });
    expect(code).toBe(1);
    expect(output).toContain('Invalid configuration');
    expect(output).toContain('PORT');
    expect(output).toContain('REDIS_URL: must be a redis:// URL');
  });
});
