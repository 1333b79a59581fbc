// `npm run restore -- FILE [--target URL] [--clean]`: restores a `npm run backup` archive into
// the configured database (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR) or into
// --target. An empty database only, unless --clean. It runs in one transaction: on any error
// the target is left as it was.
import fs from 'node:fs';

import {
  connect,
  contents,
  findTool,
  formatCounts,
  isCustomArchive,
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

const USAGE = `usage: npm run restore -- FILE [--target URL] [--clean]
  Restores FILE (a pg_dump custom-format archive, as \`npm run backup\` writes) into --target, or
  else into DATABASE_URL, or else into the embedded PostgreSQL under DATA_DIR (default .data/).
  The target must be empty; --clean drops each object of the backup there and recreates it.`;

runMain('restore', async (argv) => {
  const args = parseArgs(argv, { flags: ['--clean'], options: ['--target'], usage: USAGE });
  if (args.positional.length !== 1) throw new UserError(`name one backup file\n${USAGE}`);
  const file = userPath(args.positional[0]);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UserError(`${shownPath(file)}: no such file`);
  if (!isCustomArchive(file)) throw new UserError(`${shownPath(file)} is not a pg_dump custom-format archive (made by \`npm run backup\`)`);
  const clean = args.flags.has('--clean');

  const db = await resolveDatabase({ url: args.options['--target'], create: true });
  const client = await connect(db.url);
  const server = await serverVersion(client);
  const pgRestore = findTool('pg_restore', server, db.label);

  // The archive must be readable by this pg_restore (one older than the pg_dump that wrote it is not).
  const list = await runProcess(pgRestore.file, ['--list', file]).catch((error) => {
    throw new UserError(`pg_restore ${pgRestore.text} cannot read ${shownPath(file)}: ${error.message}`);
  });
  const header = (name) => new RegExp(`^;\\s+${name}:\\s*(.+)$`, 'm').exec(list.stdout)?.[1]?.trim() ?? 'unknown';
  process.stdout.write(
    `Restoring ${shownPath(file)} (dumped from PostgreSQL ${header('Dumped from database version')} by pg_dump ${header('Dumped by pg_dump version')})\n` +
      `  into ${db.label} (PostgreSQL ${server.text}) with pg_restore ${pgRestore.text} (${pgRestore.file})\n`,
  );

  const held = await contents(client);
  const nonEmpty = Object.entries(held).filter(([, n]) => n > 0);
  if (nonEmpty.length && !clean) {
    const what = nonEmpty.map(([kind, n]) => `${kind}: ${n}`).join(', ');
    throw new UserError(
      `the target database ${db.label} is not empty (${what}); nothing was changed.\n` +
        'Restore into an empty database (--target URL), or pass --clean to drop the objects of the backup there and recreate them from it.',
    );
  }
  if (clean) {
    process.stdout.write(
      nonEmpty.length
        ? '--clean: dropping every object of the backup that exists in the target, then recreating it from the backup (objects not in the backup are left).\n'
        : '--clean: the target is empty; nothing to drop.\n',
    );
  }

  await runTool(
    pgRestore,
    [
      '--single-transaction',
      '--exit-on-error',
      // Owners and grants of the source's roles do not carry over: the target's user owns it all.
      '--no-owner',
      '--no-privileges',
      ...(clean ? ['--clean', '--if-exists'] : []),
      file,
    ],
    db.url,
  ).catch((error) => {
    throw new UserError(`${error.message}\nThe restore ran in one transaction: ${db.label} is as it was before.`);
  });

  process.stdout.write(['Restored. Rows now in the target:', formatCounts(await rowCounts(client)), ''].join('\n'));
});
