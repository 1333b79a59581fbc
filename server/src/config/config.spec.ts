import { ConfigError, DEV_JWT_SECRET, loadConfig } from './config.js';

describe(loadConfig.name, () => {
  it('uses safe defaults for development: embedded database, demo data, the dev secret', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.demoData).toBe(true);
    expect(config.jwtSecret).toBe(DEV_JWT_SECRET);
    expect(config.port).toBe(3000);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ REDIS_URL: '', DATABASE_URL: '' }).redisUrl).toBeNull();
  });

  it('refuses production with a default secret, naming every unsafe setting', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' })).toThrow(/JWT_SECRET[\s\S]*DEMO_DATA[\s\S]*DATABASE_URL/);
  });

  it('starts production with real settings and never loads demo data there', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://app@db:5432/tinhtao' });
    expect(config.demoData).toBe(false);
  });

  it('parses lists and booleans', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://a.vn, https://b.vn', TRUST_PROXY: 'true' });
    expect(config.corsOrigins).toEqual(['https://a.vn', 'https://b.vn']);
    expect(config.trustProxy).toBe(true);
  });
});

describe('the clock settings', () => {
  it('turns CLOCK_START into an offset from real time, and takes CLOCK_OFFSET_MS as it is', () => {
    const before = Date.now();
    const { clockOffsetMs } = loadConfig({ CLOCK_START: '2026-09-05T09:00:00+07:00' });
    const at = Date.parse('2026-09-05T02:00:00Z');
    expect(clockOffsetMs).toBeLessThanOrEqual(at - before);
    expect(clockOffsetMs).toBeGreaterThan(at - before - 5_000);
    expect(loadConfig({ CLOCK_OFFSET_MS: '-86400000' }).clockOffsetMs).toBe(-86_400_000);
    expect(loadConfig({}).clockOffsetMs).toBe(0);
  });

  it('refuses a date without an offset, and any clock shift in production', () => {
    expect(() => loadConfig({ CLOCK_START: '5/9/2026' })).toThrow(/CLOCK_START/);
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://app@db:5432/tinhtao' };
    expect(() => loadConfig({ ...production, CLOCK_OFFSET_MS: '1000' })).toThrow(/CLOCK_START \/ CLOCK_OFFSET_MS/);
  });
  it('keeps submitted files under the data folder by default, and refuses s3 in production without its bucket and keys', () => {
    const local = loadConfig({ DATA_DIR: 'du-lieu' });
    expect(local.storage).toEqual({ driver: 'local', root: expect.stringMatching(/du-lieu[\\/]media$/) });
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://app@db:5432/tinhtao', STORAGE_DRIVER: 's3' };
    expect(() => loadConfig(production)).toThrow(/S3_BUCKET[\s\S]*S3_ACCESS_KEY_ID/);
    const s3 = loadConfig({
      ...production,
      S3_BUCKET: 'bai-du-thi',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
      S3_ENDPOINT: 'http://minio:9000',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(s3.storage).toMatchObject({ driver: 's3', bucket: 'bai-du-thi', endpoint: 'http://minio:9000', forcePathStyle: true });
  });
});
