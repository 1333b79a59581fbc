import 'reflect-metadata';
import { schoolYearOf, SchoolYearSchema } from '@tinhtao/shared';
import { ConfigError, loadConfig } from './config/config.js';
import { runMigrations } from './database/data-source.js';
import { resolveDatabase } from './database/resolve.js';
import { formatDemoLogins, seedDemoIfEmpty } from './demo/demo.seed.js';
import { importLibrary } from './lessons/starter-import.js';
import { Clock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';

const USAGE = 'usage: cli migrate [--seed-demo] | cli library --province CODE [--year YYYY-YYYY]';

const option = (args: string[], name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

/**
 * `migrate` applies pending migrations; `--seed-demo` also loads the demo data into an empty
 * database. `library` loads the starter library into a province and publishes its curricula
 * for the school year (this one by default).
 */
async function main(args: string[]) {
  const [command] = args;
  if (command !== 'migrate' && command !== 'library') throw new ConfigError(USAGE);
  const province = option(args, '--province');
  const config = loadConfig();
  const clock = new Clock(config.clockOffsetMs);
  const year = option(args, '--year') ?? schoolYearOf(clock.now());
  if (command === 'library' && (!province || !SchoolYearSchema.safeParse(year).success)) throw new ConfigError(USAGE);
  const logger = createLogger(config);
  const database = await resolveDatabase(config, logger);
  try {
    const ran = await runMigrations(database.url);
    process.stdout.write(ran.length ? `Applied: ${ran.join(', ')}\n` : 'The schema is up to date.\n');
    if (command === 'library') {
      const counts = await importLibrary(database.url, province!, year, clock.offsetMs);
      process.stdout.write(`Loaded ${counts.lessons} lessons (${counts.items} items) and published ${counts.curricula} curricula for ${year}.\n`);
    }
    if (args.includes('--seed-demo')) {
      const demo = await seedDemoIfEmpty(database.url, clock);
      process.stdout.write(demo === 'seeded' ? `${formatDemoLogins('')}\n` : 'Data exists; demo data not loaded.\n');
    }
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
