import { databaseUrl, uniqueDatabaseName, withAdmin } from './db-admin.mjs';

export { ROOT, SERVER_CLI, SERVER_MAIN } from './db-admin.mjs';

/** Set by the global setup: a maintenance URL on the test PostgreSQL, and the migrated, seeded template. */
export function testDatabaseEnv(): { adminUrl: string; template: string } {
  const adminUrl = process.env.TT_TEST_ADMIN_URL;
  const template = process.env.TT_TEST_TEMPLATE_DB;
  if (!adminUrl || !template) throw new Error('The test database is not set up: run the tests through `npm test`');
  return { adminUrl, template };
}

/** A fresh database for one test file, copied from the template (migrated, with the demo data). */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { adminUrl, template } = testDatabaseEnv();
  const name = uniqueDatabaseName('tt_test');
  await withAdmin(adminUrl, async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        // Two files copying the template at once: PostgreSQL asks the second to wait.
        if (attempt < 20 && String(error).includes('is being accessed by other users')) {
          await new Promise((r) => setTimeout(r, 250));
          continue;
        }
        throw error;
      }
    }
  });
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
