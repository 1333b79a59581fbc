// @ts-check
/**
 * One lint for the repository: typescript-eslint with type information, eslint-plugin-vue for
 * the client, Prettier for layout (eslint-config-prettier turns off what it owns), imports in
 * order, and the rules that keep the architecture (docs/architecture.md): SQL in repositories,
 * access decided in the access module, no reaching into another feature's internals.
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Files that may hold SQL and a connection: repositories, migrations, the database folder. */
const SQL_HOMES = ['server/src/**/*.repository.ts', 'server/src/database/**', 'migrations/**'];

/** Who may do what is decided here only (and in shared/src/access); identity (auth) reads the role to sign tokens. */
const ACCESS_HOMES = ['server/src/access/**', 'server/src/auth/**'];

const noSqlOutsideRepositories = [
  { selector: "CallExpression[callee.property.name='query']", message: 'SQL belongs in a *.repository.ts: call a repository method.' },
  { selector: "Identifier[name='DataSource']", message: 'A DataSource belongs to repositories and the database folder; use TransactionRepository.' },
  { selector: "Identifier[name='EntityManager']", message: 'An EntityManager belongs to repositories; hold a Tx (database/transaction.repository).' },
  { selector: "Identifier[name='InjectDataSource']", message: 'Only repositories inject the DataSource.' },
];
const noRoleOutsideAccess = {
  selector: "MemberExpression[property.name='role'][object.name=/^(auth|actor|user|caller|me)$/]",
  message: 'Who may do what is decided in the access module (server/src/access, shared/src/access): add a Permission.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test/.artifacts/**', 'server/content/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Methods that implement a Promise-returning interface (an in-memory store beside a Redis one) need no await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript (scripts, benchmarks, configs) and the Vite config: linted without type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', 'client/vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { projectService: false, project: null } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    // Tests read response bodies as the JSON they are; the typed client is what the UI uses.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['client/**/*.vue', 'client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser } },
    // The type service sees a .vue file's script without vue-tsc's template types: assertions it calls needless are not.
    rules: {
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // vue-i18n's `t` and `te` are closures, safe to take off `i18n.global`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Later blocks override earlier ones for the files they name: every server file gets both rules,
  // the homes of SQL drop the first, the access and identity code drops the second.
  {
    files: ['server/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noSqlOutsideRepositories, noRoleOutsideAccess] },
  },
  { files: SQL_HOMES, rules: { 'no-restricted-syntax': ['error', noRoleOutsideAccess] } },
  { files: ACCESS_HOMES, rules: { 'no-restricted-syntax': ['error', ...noSqlOutsideRepositories] } },
  { files: ACCESS_HOMES.map((home) => home.replace('**', '*.repository.ts')), rules: { 'no-restricted-syntax': 'off' } },
  {
    // A feature reaches another through its services, repositories and module, never its internals.
    // The demo seed is not a feature: like cli.ts it composes them (the starter library, the
    // diagnostics' writers), so it may use their parts.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/demo/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(\.\./)+(?!(platform|database|access|config|testing|migrations)/)[a-z-]+/(?!.*\.(service|repository|module)\.js$).+`,
              message: "Import another feature's service, repository or module, not its internals (or move the shared part to where both can use it).",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
