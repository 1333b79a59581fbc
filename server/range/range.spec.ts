import * as nodeCrypto from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RANGE_FLAG, signRangeToken } from '@tinhtao/shared/ctf';

import { RANGE_APP_MANIFESTS, RANGE_APPS } from './apps/index.js';
import { RangeConfigError } from './config.js';
import { type RunningRange, startRange } from './server.js';

const here = dirname(fileURLToPath(import.meta.url));
const FLAG_KEY = 'khoa-co-cua-san-tap-0123456789abcdef';
const keys = nodeCrypto.generateKeyPairSync('ed25519');
const PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const env = { RANGE_PORT: '0', RANGE_HOST: '127.0.0.1', RANGE_FLAG_KEY: FLAG_KEY, RANGE_TOKEN_PUBLIC_KEY: PUBLIC_KEY };

/** The flag as the app would compute it, written out here rather than taken from the code under test. */
function expectedFlag(slug: string, studentRef: string): string {
  return `TT{${nodeCrypto.createHmac('sha256', FLAG_KEY).update(`${slug}:${studentRef}`).digest('hex').slice(0, 20)}}`;
}
const nowSeconds = () => Math.floor(Date.now() / 1000);

let range: RunningRange;
beforeAll(async () => {
  range = await startRange(env);
});
afterAll(async () => {
  await range.close();
});

interface StoredCookie {
  path: string;
  value: string;
}

/** A browser of one student: a cookie jar honouring Path, no automatic redirects. */
class Student {
  private readonly jar = new Map<string, StoredCookie>();
  constructor(readonly ref: string) {}

  token(app: string, exp = nowSeconds() + 300, privateKey = PRIVATE_KEY): string {
    return signRangeToken(privateKey, { app, studentRef: this.ref, exp });
  }

  /** Opens an app the way the challenge page's link does, and follows the range's redirect. */
  async open(app: string): Promise<Response> {
    const first = await this.request(`/${app}/?t=${this.token(app)}`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/${app}/`);
    return this.request(`/${app}/`);
  }

  setCookie(path: string, name: string, value: string): void {
    this.jar.set(`${path} ${name}`, { path, value });
  }
  cookie(name: string): string | undefined {
    return [...this.jar].find(([key]) => key.endsWith(` ${name}`))?.[1].value;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }
  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  async text(path: string, headers: Record<string, string> = {}): Promise<string> {
    return (await this.get(path, headers)).text();
  }
  async postText(path: string, form: Record<string, string>): Promise<string> {
    return (await this.post(path, form)).text();
  }

  async request(path: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}): Promise<Response> {
    const cookie = [...this.jar]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([key, c]) => `${key.slice(key.indexOf(' ') + 1)}=${c.value}`)
      .join('; ');
    const res = await fetch(range.url + path, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const cookiePath = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      if (attributes.some((a) => a.toLowerCase() === 'max-age=0')) this.jar.delete(`${cookiePath} ${name}`);
      else this.jar.set(`${cookiePath} ${name}`, { path: cookiePath, value: pair.slice(eq + 1) });
    }
    return res;
  }
}

const rot13 = (s: string) => s.replace(/[A-Za-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - (c <= 'Z' ? 65 : 97) + 13) % 26) + (c <= 'Z' ? 65 : 97)));
const b64url = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

/** How a student solves each app with nothing but HTTP: the page that shows the flag. */
const SOLVERS: Record<string, (s: Student) => Promise<string>> = {
  robots: async (s) => {
    const robots = await s.text('/robots/robots.txt');
    return s.text(/Disallow: (\S+)/.exec(robots)![1]);
  },
  'xem-nguon': (s) => s.text('/xem-nguon/'),
  'thong-diep-ma-hoa': async (s) => {
    const page = await s.text('/thong-diep-ma-hoa/');
    return rot13(Buffer.from(/<pre>([A-Za-z0-9+/=]+)<\/pre>/.exec(page)![1], 'base64').toString('utf8'));
  },
  'cookie-vai-tro': async (s) => {
    await s.get('/cookie-vai-tro/');
    expect(s.cookie('role')).toBe('student');
    s.setCookie('/cookie-vai-tro/', 'role', 'admin');
    return s.text('/cookie-vai-tro/');
  },
  'mat-khau-js': async (s) => {
    const script = await s.text('/mat-khau-js/kiem-tra.js');
    return s.text(/location\.href = '([^']+)'/.exec(script)![1]);
  },
  'idor-ho-so': (s) => s.text('/idor-ho-so/ho-so?id=1'),
  'gian-hang': (s) => s.postText('/gian-hang/mua', { ma: 'co-bi-mat', gia: '0' }),
  'quen-mat-khau': async (s) => {
    const about = await s.text('/quen-mat-khau/gioi-thieu');
    expect(about).toContain('<strong>Mướp</strong>');
    await s.postText('/quen-mat-khau/quen-mat-khau', { ten: 'quantri', cau_tra_loi: 'Mướp', mat_khau_moi: 'mat-khau-moi-cua-toi' });
    return s.postText('/quen-mat-khau/dang-nhap', { ten: 'quantri', mat_khau: 'mat-khau-moi-cua-toi' });
  },
  'tep-sao-luu': async (s) => {
    const listing = await s.text('/tep-sao-luu/tai-lieu/');
    const backup = await s.text(/href="([^"]+\.bak)"/.exec(listing)![1]);
    const account = /\$tai_khoan = '([^']+)'/.exec(backup)![1];
    const password = /\$mat_khau = '([^']+)'/.exec(backup)![1];
    return s.postText('/tep-sao-luu/dang-nhap', { tai_khoan: account, mat_khau: password });
  },
  'trinh-duyet-rieng': (s) => s.text('/trinh-duyet-rieng/', { 'user-agent': 'Mozilla/5.0 TinhTaoBrowser/1.0' }),
  'chuyen-huong': (s) => s.text(`/chuyen-huong/dang-nhap?tiep=${encodeURIComponent('//example.com/dang-nhap-gia')}`),
  'sql-dang-nhap': (s) => s.postText('/sql-dang-nhap/dang-nhap', { ten: "quantri' -- ", mat_khau: 'khong-biet' }),
  'sql-tim-sach': (s) => s.text(`/sql-tim-sach/tim?q=${encodeURIComponent("' UNION SELECT id, gia_tri FROM ma_bi_mat -- ")}`),
  'jwt-none': async (s) => {
    await s.get('/jwt-none/');
    const issued = s.cookie('ve')!;
    expect(JSON.parse(Buffer.from(issued.split('.')[1], 'base64url').toString())).toEqual({ ten: 'hocsinh', vai_tro: 'hoc_sinh' });
    s.setCookie('/jwt-none/', 've', `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ten: 'hocsinh', vai_tro: 'quan_tri' })}.`);
    return s.text('/jwt-none/');
  },
};

describe('the practice range', () => {
  describe('its starter set', () => {
    it('has at least 12 apps, each with a solver here, Vietnamese texts and both levels represented', () => {
      const slugs = RANGE_APP_MANIFESTS.map((m) => m.slug);
      expect(slugs.length).toBeGreaterThanOrEqual(12);
      expect(new Set(slugs).size).toBe(slugs.length);
      expect(Object.keys(SOLVERS).sort()).toEqual([...slugs].sort());
      expect(new Set(RANGE_APP_MANIFESTS.map((m) => m.level))).toEqual(new Set(['THCS', 'THPT']));
      for (const m of RANGE_APP_MANIFESTS) {
        expect(m.slug).toMatch(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/);
        expect(m.hints.length).toBeGreaterThanOrEqual(2);
        // Vietnamese with its diacritics, not ASCII stand-ins.
        for (const text of [m.title.vi, m.statement, m.solution, ...m.hints])
          expect(text).toMatch(/[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i);
        expect(m.solution).toContain('**Cách');
      }
    });

    it.each(RANGE_APPS.map((app) => app.manifest.slug))('%s: solved with plain HTTP, shows exactly this student’s flag, and not before', async (slug) => {
      const student = new Student(`hs_${slug.replace(/-/g, '')}`.slice(0, 40));
      const home = await student.open(slug);
      expect(home.status).toBe(200);
      const homeText = await home.text();
      expect(homeText).toContain('<html lang="vi">');
      const flag = expectedFlag(slug, student.ref);
      // The view-source app hides its flag in the home page itself; every other app must be solved first.
      if (slug !== 'xem-nguon') expect(homeText).not.toContain(flag);
      const solved = await SOLVERS[slug](student);
      const flags = solved.match(/TT\{[0-9a-f]{20}\}/g);
      expect(flags?.[0]).toBe(flag);
      expect(new Set(flags)).toEqual(new Set([flag]));
      expect(flag).toMatch(RANGE_FLAG);
    });
  });

  describe('access', () => {
    it('trades the token for an HttpOnly session cookie bound to the app and drops the token from the URL', async () => {
      const res = await fetch(`${range.url}/robots/?t=${new Student('hs_cookiecheck').token('robots')}`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/robots/');
      const [cookie] = res.headers.getSetCookie();
      expect(cookie).toMatch(/^tt_range=hs_cookiecheck\.\d+\.[A-Za-z0-9_-]{43}; Path=\/robots\/; Max-Age=14400; HttpOnly; SameSite=Lax$/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    });

    it('refuses an expired token with a Vietnamese 403 page and no session', async () => {
      const student = new Student('hs_expired01');
      const res = await student.get(`/robots/?t=${student.token('robots', nowSeconds() - 1)}`);
      expect(res.status).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(await res.text()).toContain('<h1>Đường dẫn đã hết hạn</h1>');
      expect((await student.get('/robots/')).status).toBe(403);
    });

    it('refuses a token signed with another key, a token with a changed student, and a token of another app', async () => {
      const student = new Student('hs_forged001');
      const otherKey = nodeCrypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const forged = await student.get(`/robots/?t=${student.token('robots', nowSeconds() + 300, otherKey)}`);
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('<h1>Đường dẫn không hợp lệ</h1>');

      const [, signature] = student.token('robots').split('.');
      const swapped = `${b64url({ v: 1, app: 'robots', studentRef: 'hs_victim001', exp: nowSeconds() + 300 })}.${signature}`;
      expect((await student.get(`/robots/?t=${swapped}`)).status).toBe(403);

      const elsewhere = await student.get(`/robots/?t=${student.token('idor-ho-so')}`);
      expect(elsewhere.status).toBe(403);
      expect(await elsewhere.text()).toContain('Đường dẫn của bài khác');
    });

    it('refuses a request without a session, a session of another app, and a tampered session', async () => {
      const stranger = new Student('hs_stranger1');
      const none = await stranger.get('/idor-ho-so/ho-so?id=1');
      expect(none.status).toBe(403);
      const body = await none.text();
      expect(body).toContain('Bạn chưa vào bài này');
      expect(body).not.toMatch(/TT\{/);

      const student = new Student('hs_session01');
      await student.open('robots');
      const session = student.cookie('tt_range')!;
      student.setCookie('/idor-ho-so/', 'tt_range', session);
      expect((await student.get('/idor-ho-so/ho-so?id=1')).status).toBe(403);
      student.setCookie('/robots/', 'tt_range', session.replace('hs_session01', 'hs_victim001'));
      expect((await student.get('/robots/')).status).toBe(403);
    });

    it('answers an unknown app with a 404 and the range root with its own page', async () => {
      expect((await fetch(`${range.url}/khong-co-bai-nay/`)).status).toBe(404);
      const home = await fetch(`${range.url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Sân tập Tỉnh Táo');
      expect(await (await fetch(`${range.url}/healthz`)).text()).toBe('ok');
    });
  });

  describe('per-student state', () => {
    it('gives two students different flags for the same app', async () => {
      const an = new Student('hs_an000001');
      const binh = new Student('hs_binh00001');
      await an.open('idor-ho-so');
      await binh.open('idor-ho-so');
      const anPage = await an.text('/idor-ho-so/ho-so?id=1');
      const binhPage = await binh.text('/idor-ho-so/ho-so?id=1');
      expect(anPage).toContain(expectedFlag('idor-ho-so', 'hs_an000001'));
      expect(binhPage).toContain(expectedFlag('idor-ho-so', 'hs_binh00001'));
      expect(expectedFlag('idor-ho-so', 'hs_an000001')).not.toBe(expectedFlag('idor-ho-so', 'hs_binh00001'));
      expect(anPage).not.toContain(expectedFlag('idor-ho-so', 'hs_binh00001'));
    });

    it('keeps one student’s purchases and password reset out of another’s', async () => {
      const an = new Student('hs_an000002');
      const binh = new Student('hs_binh00002');
      for (const s of [an, binh]) {
        await s.open('gian-hang');
        await s.open('quen-mat-khau');
      }
      expect(await an.postText('/gian-hang/mua', { ma: 'but-chi', gia: '5000' })).toContain('Số dư trong ví: <strong>45.000 đ</strong>');
      const binhShop = await binh.text('/gian-hang/');
      expect(binhShop).toContain('Số dư trong ví: <strong>50.000 đ</strong>');
      expect(binhShop).toContain('Bạn chưa mua gì.');

      await an.postText('/quen-mat-khau/quen-mat-khau', { ten: 'quantri', cau_tra_loi: 'muop', mat_khau_moi: 'cua-an' });
      expect(await an.postText('/quen-mat-khau/dang-nhap', { ten: 'quantri', mat_khau: 'cua-an' })).toContain(expectedFlag('quen-mat-khau', 'hs_an000002'));
      const binhLogin = await binh.postText('/quen-mat-khau/dang-nhap', { ten: 'quantri', mat_khau: 'cua-an' });
      expect(binhLogin).toContain('Sai tên đăng nhập hoặc mật khẩu');
      expect(binhLogin).not.toMatch(/TT\{/);
    });

    it('resets a student’s state and the app’s own cookies on POST /<app>/reset, and only that student’s', async () => {
      const an = new Student('hs_an000003');
      const binh = new Student('hs_binh00003');
      await an.open('gian-hang');
      await binh.open('gian-hang');
      await an.postText('/gian-hang/mua', { ma: 'vo-o-ly', gia: '12000' });
      await binh.postText('/gian-hang/mua', { ma: 'vo-o-ly', gia: '12000' });
      const reset = await an.post('/gian-hang/reset', {});
      expect(reset.status).toBe(303);
      expect(reset.headers.get('location')).toBe('/gian-hang/');
      const anShop = await an.text('/gian-hang/');
      expect(anShop).toContain('<strong>50.000 đ</strong>');
      expect(anShop).toContain('Bạn chưa mua gì.');
      expect(await binh.text('/gian-hang/')).toContain('<strong>38.000 đ</strong>');

      await an.open('cookie-vai-tro');
      expect(an.cookie('role')).toBe('student');
      const cleared = await an.post('/cookie-vai-tro/reset', {});
      expect(cleared.headers.getSetCookie()).toEqual(['role=; Path=/cookie-vai-tro/; Max-Age=0']);
      expect((await an.get('/gian-hang/reset')).status).toBe(405);
    });
  });

  describe('hostile input', () => {
    it('takes U+0000, lone surrogates and long text in forms without failing, and refuses a body over 16 KB', async () => {
      const s = new Student('hs_hostile01');
      await s.open('sql-dang-nhap');
      for (const ten of ['\u0000', '\uD800', 'Nguyễn Văn An'.repeat(30), "'".repeat(600)]) {
        const res = await s.post('/sql-dang-nhap/dang-nhap', { ten, mat_khau: '\u0000' });
        expect(res.status).toBe(200);
        expect(await res.text()).not.toMatch(/TT\{/);
      }
      const big = await s.post('/sql-dang-nhap/dang-nhap', { ten: 'a'.repeat(20_000), mat_khau: '' });
      expect(big.status).toBe(413);
    });

    it('accepts the security answer with or without diacritics, composed or decomposed, and serves Vietnamese byte for byte', async () => {
      for (const [ref, answer] of [
        ['hs_answer001', 'Mướp'],
        ['hs_answer002', 'Mướp'.normalize('NFD')],
        ['hs_answer003', '  MUOP '],
      ] as const) {
        const s = new Student(ref);
        await s.open('quen-mat-khau');
        const done = await s.postText('/quen-mat-khau/quen-mat-khau', { ten: 'quantri', cau_tra_loi: answer, mat_khau_moi: 'moi' });
        expect(done).toContain('đã được đổi');
      }
      const s = new Student('hs_bytes0001');
      await s.open('xem-nguon');
      const bytes = Buffer.from(await (await s.get('/xem-nguon/')).arrayBuffer());
      expect(bytes.includes(Buffer.from('<h1>Bảng tin lớp 7A</h1>', 'utf8'))).toBe(true);
    });

    it('never redirects off-site, whatever the open-redirect app is given', async () => {
      const s = new Student('hs_redirect1');
      await s.open('chuyen-huong');
      const inside = await s.get(`/chuyen-huong/dang-nhap?tiep=${encodeURIComponent('/chuyen-huong/thoi-khoa-bieu')}`);
      expect(inside.status).toBe(303);
      expect(inside.headers.get('location')).toBe('/chuyen-huong/thoi-khoa-bieu');
      for (const tiep of ['//example.com', '/\\example.com', '/%2F%2Fexample.com', 'https://example.com', '/\r\nSet-Cookie: x=1']) {
        const res = await s.get(`/chuyen-huong/dang-nhap?tiep=${encodeURIComponent(tiep)}`);
        const location = res.headers.get('location');
        if (location !== null) expect(location).toMatch(/^\/(?![/\\])/);
        expect(res.headers.getSetCookie()).toEqual([]);
      }
    });
  });

  describe('isolation from the app', () => {
    it('refuses to start with the app’s secrets in its environment, naming each one', async () => {
      const polluted = { ...env, JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://tinhtao:pw@db/tinhtao', REDIS_URL: 'redis://cache:6379' };
      await expect(startRange(polluted)).rejects.toThrow(RangeConfigError);
      await expect(startRange(polluted)).rejects.toThrow(/DATABASE_URL, JWT_SECRET, REDIS_URL/);
    });

    it('refuses any *_SECRET, password or private key, and the app’s token signing key under any name', async () => {
      await expect(startRange({ ...env, S3_SECRET_ACCESS_KEY: 'k', AWS_ACCESS_KEY_ID: 'k', AWS_SESSION_TOKEN: 'k' })).rejects.toThrow(
        /AWS_ACCESS_KEY_ID, AWS_SESSION_TOKEN, S3_SECRET_ACCESS_KEY/,
      );
      await expect(startRange({ ...env, PGPASSWORD: 'k' })).rejects.toThrow(/PGPASSWORD/);
      await expect(startRange({ ...env, HELPER_LLM_API_KEY: 'k' })).rejects.toThrow(/HELPER_LLM_API_KEY/);
      await expect(startRange({ ...env, RANGE_TOKEN_PRIVATE_KEY: PRIVATE_KEY })).rejects.toThrow(/RANGE_TOKEN_PRIVATE_KEY/);
      await expect(startRange({ ...env, SOMETHING_HARMLESS: PRIVATE_KEY })).rejects.toThrow(/SOMETHING_HARMLESS/);
      await expect(startRange({ ...env, RANGE_TOKEN_PUBLIC_KEY: PRIVATE_KEY })).rejects.toThrow(/RANGE_TOKEN_PUBLIC_KEY/);
    });

    it('starts beside ordinary variables that hold no secret', async () => {
      const ordinary = {
        ...env,
        PATH: '/usr/bin',
        HOME: '/home/range',
        NODE_ENV: 'production',
        AWS_REGION: 'ap-southeast-1',
        AWS_CA_BUNDLE: '/etc/ssl/ca.pem',
        npm_config_cache: '/var/cache/npm',
      };
      const started = await startRange(ordinary);
      await started.close();
    });

    it('refuses a short flag key and a key that is not Ed25519', async () => {
      await expect(startRange({ ...env, RANGE_FLAG_KEY: 'ngan' })).rejects.toThrow(/RANGE_FLAG_KEY must be at least 32 characters/);
      const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      await expect(startRange({ ...env, RANGE_TOKEN_PUBLIC_KEY: rsa })).rejects.toThrow(/must be an Ed25519 key, not rsa/);
      const oneLine = await startRange({ ...env, RANGE_TOKEN_PUBLIC_KEY: PUBLIC_KEY.replace(/\n/g, '\\n') });
      await oneLine.close();
    });

    it('reads nothing of the app’s database through its own SQL injection: catalogs, functions, other statements', async () => {
      const s = new Student('hs_isolate01');
      await s.open('sql-dang-nhap');
      await s.open('sql-tim-sach');
      const attacks = [
        "' UNION SELECT table_name, table_schema FROM information_schema.tables -- ",
        "' UNION SELECT tablename, schemaname FROM pg_catalog.pg_tables -- ",
        "' UNION SELECT usename, passwd FROM pg_shadow -- ",
        "' UNION SELECT email, password_hash FROM users -- ",
        "' UNION SELECT version(), current_database() -- ",
        "' UNION SELECT pg_read_file('/etc/passwd'), 1 -- ",
        "'; COPY (SELECT 1) TO PROGRAM 'id'; -- ",
      ];
      for (const attack of attacks) {
        const search = await s.text(`/sql-tim-sach/tim?q=${encodeURIComponent(attack)}`);
        const login = await s.postText('/sql-dang-nhap/dang-nhap', { ten: attack.replace(', 1 --', ', 1, 1 --'), mat_khau: '' });
        for (const page of [search, login]) {
          expect(page).toContain('Lỗi cơ sở dữ liệu');
          expect(page).not.toMatch(/PostgreSQL|root:x:|<td>/);
          expect(page).not.toMatch(/TT\{/);
        }
      }
    });

    it('imports no database driver, Redis client or app code: only node:, @tinhtao/shared and its own files', () => {
      const sources = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory()
            ? entry.name === 'dist'
              ? []
              : sources(join(dir, entry.name))
            : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
              ? [join(dir, entry.name)]
              : [],
        );
      const imports = (file: string) =>
        [
          ...readFileSync(file, 'utf8').matchAll(
            /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s+'([^']+)'/g,
          ),
        ].map((m) => m[1] ?? m[2] ?? m[3]);

      const rangeFiles = sources(here);
      expect(rangeFiles.length).toBeGreaterThan(10);
      for (const file of rangeFiles) {
        for (const specifier of imports(file)) {
          if (specifier.startsWith('.')) expect(relative(here, resolve(dirname(file), specifier))).not.toMatch(/^\.\./);
          else expect(specifier).toMatch(/^(node:(crypto|http|net)|@tinhtao\/shared(\/ctf)?)$/);
        }
      }
      // What @tinhtao/shared brings along: its own files, zod and node:crypto, nothing that talks to a database.
      for (const file of sources(resolve(here, '../../shared/src'))) {
        for (const specifier of imports(file)) expect(specifier).toMatch(/^(\.{1,2}\/|zod$|node:crypto$)/);
      }
    });
  });
});
