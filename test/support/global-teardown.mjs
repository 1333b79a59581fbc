import fs from 'node:fs';

import { withAdmin } from './db-admin.mjs';

export default async function globalTeardown() {
  const adminUrl = process.env.TT_TEST_ADMIN_URL;
  const template = process.env.TT_TEST_TEMPLATE_DB;
  if (adminUrl && template) {
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
  }
  const state = globalThis.__ttEmbedded;
  if (state) {
    await state.embedded.stop();
    fs.rmSync(state.dir, { recursive: true, force: true });
  }
}
