/**
 * One jest run, four projects: unit tests beside the code, end-to-end tests against a
 * started server and real PostgreSQL, backups (test/ops), and browser tests in the system Chromium.
 * Everything runs as native ESM (NestJS 12 ships ESM only), transformed by SWC.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  transform: { '^.+\\.ts$': swc },
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@tinhtao/shared$': '<rootDir>/shared/src/index.ts',
    '^@tinhtao/shared/ctf$': '<rootDir>/shared/src/ctf/range-token.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  // A global option (jest ignores it per project): e2e games and browser flows take tens of seconds.
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/shared/src/**/*.spec.ts', '<rootDir>/server/src/**/*.spec.ts', '<rootDir>/server/range/**/*.spec.ts'],
    },
    {
      // The client's pure helpers (formatting, time windows, drafts, list edits …), beside the code, with the client's `@/` paths.
      ...common,
      displayName: 'client',
      testMatch: ['<rootDir>/client/src/**/*.spec.ts'],
      moduleNameMapper: { ...common.moduleNameMapper, '^@/(.*)$': '<rootDir>/client/src/$1' },
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      // Backups need pg_dump/pg_restore of the server's major version, which a machine with only Node lacks.
      ...common,
      displayName: 'ops',
      testMatch: ['<rootDir>/test/ops/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      // axe scans every page the tests visit and fails a test on a serious or critical violation.
      setupFilesAfterEnv: ['<rootDir>/test/support/a11y-hooks.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
