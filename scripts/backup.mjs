// `npm run backup [-- --out FILE]`: a pg_dump custom-format archive (-Fc) of the configured
// database (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR that `npm start` uses).
// It prints the file, its size and the row count of every table, as counted in the very
// snapshot that was dumped.
import fs from 'node:fs';
import path from 'node:path';

import {
  connect,
  findTool,
  formatCounts,
  formatSize,
  onExit,
  parseArgs,
  resolveDatabase,
  rowCounts,
  runMain,
  runProcess,
  runTool,
  serverVersion,
  shownPath,
  UserError,
  userPath,
} from './pg-tools.mjs';

const USAGE = `usage: npm run backup [-- --out FILE]
  Writes a pg_dump custom-format archive of DATABASE_URL (or of the embedded PostgreSQL under
  DATA_DIR, default .data/) to FILE, by default backups/tinhtao-YYYYMMDD-HHMMSS.dump (UTC).`;

/** YYYYMMDD-HHMMSS in UTC. */
const stamp = (d = new Date()) =>
  d
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/-|:/g, '')
    .replace('T', '-');

runMain('backup', async (argv) => {
  const args = parseArgs(argv, { options: ['--out'], usage: USAGE });
  if (args.positional.length) throw new UserError(`unexpected argument ${args.positional[0]}\n${USAGE}`);
  const out = args.options['--out'] ? userPath(args.options['--out']) : path.resolve('backups', `tinhtao-${stamp()}.dump`);
  if (fs.existsSync(out)) throw new UserError(`${shownPath(out)} exists already: choose another --out`);

  const db = await resolveDatabase({ create: false });
  const client = await connect(db.url);
  const server = await serverVersion(client);
  const pgDump = findTool('pg_dump', server, db.label);
  process.stdout.write(`Backing up ${db.label} (PostgreSQL ${server.text}) with pg_dump ${pgDump.text} (${pgDump.file})\n`);

  fs.mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  onExit(() => fs.rmSync(partial, { force: true }));
  // The counts printed are those of the dumped snapshot: pg_dump joins this transaction's.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  let snapshot = null;
  try {
    snapshot = (await client.query('SELECT pg_export_snapshot() AS id')).rows[0].id;
  } catch (error) {
    await client.query('ROLLBACK');
    process.stdout.write(`(the server exports no snapshot, ${error.message}: the counts below are taken after the dump)\n`);
  }
  await runTool(pgDump, ['--format=custom', ...(snapshot ? [`--snapshot=${snapshot}`] : []), `--file=${partial}`], db.url);
  const counts = await rowCounts(client);
  if (snapshot) await client.query('COMMIT');

  // Read the archive back: pg_restore must be able to list what it holds.
  let verified = 'not read back: no pg_restore that reads it was found';
  const pgRestore = (() => {
    try {
      return findTool('pg_restore', { major: pgDump.major, text: pgDump.text }, `an archive of pg_dump ${pgDump.text}`);
    } catch {
      return null;
    }
  })();
  if (pgRestore) {
    const entries = (await runProcess(pgRestore.file, ['--list', partial])).stdout.split('\n').filter((l) => /^\d+;/.test(l));
    const data = entries.filter((l) => / TABLE DATA /.test(l)).length;
    verified = `read back with pg_restore ${pgRestore.text}: ${entries.length} entries, the data of ${data} tables`;
  }
  if (fs.existsSync(out)) throw new UserError(`${shownPath(out)} appeared during the backup: it is left as it is`);
  fs.renameSync(partial, out);

  process.stdout.write(
    [
      `Wrote ${shownPath(out)}`,
      `  size: ${formatSize(fs.statSync(out).size)}`,
      `  format: pg_dump custom (-Fc), ${verified}`,
      'Rows in the backup:',
      formatCounts(counts),
      '',
    ].join('\n'),
  );
});
