/**
 * `npm run range`: the practice range as its own process. It reads only its own variables and
 * refuses to start when its environment holds any secret of the app (config.ts).
 */
import { RangeConfigError } from './config.js';
import { startRange } from './server.js';

try {
  const range = await startRange(process.env);
  console.log(`Practice range listening on ${range.url}`);
  const stop = () => {
    range.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  if (!(error instanceof RangeConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
