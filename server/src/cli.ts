import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config.js';
import { runMigrations } from './database/data-source.js';
import { resolveDatabase } from './database/resolve.js';
import { formatDemoLogins, seedDemoIfEmpty } from './demo/demo.seed.js';
import { createLogger } from './platform/logger.js';

/** `migrate` applies pending migrations; `--seed-demo` also loads the demo data into an empty database. */
async function main(args: string[]) {
  const [command] = args;
  if (command !== 'migrate') throw new ConfigError('usage: cli migrate [--seed-demo]');
  const config = loadConfig();
  const logger = createLogger(config);
  const database = await resolveDatabase(config, logger);
  try {
    const ran = await runMigrations(database.url);
    process.stdout.write(ran.length ? `Applied: ${ran.join(', ')}\n` : 'The schema is up to date.\n');
    if (args.includes('--seed-demo')) {
      const demo = await seedDemoIfEmpty(database.url);
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
