import 'reflect-metadata';

import { schoolYearOf, SchoolYearSchema } from '@tinhtao/shared';

import { ConfigError, loadConfig } from './config/config.js';
import { runMigrations } from './database/data-source.js';
import { resolveDatabase } from './database/resolve.js';
import { formatDemoLogins, seedDemoIfEmpty } from './demo/demo.seed.js';
import { findDamagedTexts, formatDamagedTexts } from './imports/check-names.js';
import { importLibrary } from './lessons/starter-import.js';
import { Clock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';

const USAGE = 'usage: cli migrate [--seed-demo] | cli library --province CODE [--year YYYY-YYYY] | cli check-names';
/** The exit code of `check-names` when it finds a damaged text (1 stays "the command failed"). */
const FOUND_DAMAGED_TEXT = 2;

const option = (args: string[], name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

/**
 * `migrate` applies pending migrations; `--seed-demo` also loads the demo data into an empty
 * database. `library` loads the starter library into a province and publishes its curricula
 * for the school year (this one by default). `check-names` lists the stored names and lesson
 * texts that hold U+FFFD (characters lost when a file was read) and exits 2 when it finds any.
 */
async function main(args: string[]) {
  const [command] = args;
  if (command === 'check-names') return checkNames();
  if (command !== 'migrate' && command !== 'library') throw new ConfigError(USAGE);
  const province = option(args, '--province');
  const config = loadConfig();
  const clock = new Clock(config.clockOffsetMs);
  const year = option(args, '--year') ?? schoolYearOf(clock.now());
  if (command === 'library' && (!province || !SchoolYearSchema.safeParse(year).success)) throw new ConfigError(USAGE);
  // The demo accounts' password is public: the server refuses to start on them in production, and this refuses to write them there.
  if (args.includes('--seed-demo') && config.env === 'production')
    throw new ConfigError('Refusing --seed-demo with NODE_ENV=production: the demo accounts have a public password');
  const logger = createLogger(config);
  const database = await resolveDatabase(config, logger);
  try {
    const ran = await runMigrations(database.url);
    process.stdout.write(ran.length ? `Applied: ${ran.join(', ')}\n` : 'The schema is up to date.\n');
    if (command === 'library') {
      const counts = await importLibrary(database.url, province!, year, clock.offsetMs);
      process.stdout.write(
        `Loaded ${counts.lessons} lessons and ${counts.staffLessons} staff lessons (${counts.items} items), published ${counts.curricula} curricula` +
          `${counts.staffProgram ? ' and set the staff program' : ''} for ${year}.\n`,
      );
    }
    if (args.includes('--seed-demo')) {
      const demo = await seedDemoIfEmpty(database.url, clock);
      process.stdout.write(demo === 'seeded' ? `${formatDemoLogins('')}\n` : 'Data exists; demo data not loaded.\n');
    }
  } finally {
    await database.stop();
  }
}

/** Reads only: no migration runs, so that a check never changes the database it checks. */
async function checkNames() {
  const config = loadConfig();
  const database = await resolveDatabase(config, createLogger(config));
  try {
    const found = await findDamagedTexts(database.url);
    process.stdout.write(formatDamagedTexts(found));
    if (found.length > 0) process.exitCode = FOUND_DAMAGED_TEXT;
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
