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
