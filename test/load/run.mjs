// `npm run bench`: every server benchmark, one after another. Numbers go to BENCHMARKS.md by hand, with the machine.
// The browser's (Lighthouse on the student pages, web.mjs) is `npm run bench:web`: it needs the built client and Chromium.
import os from 'node:os';

import { autosave } from './autosave.mjs';
import { coldStart } from './cold-start.mjs';
import { coverage } from './coverage.mjs';
import { diagnostics } from './diagnostics.mjs';
import { helper } from './helper.mjs';
import { imports } from './imports.mjs';
import { live } from './live.mjs';
import { scheduled } from './scheduled.mjs';
import { standings } from './standings.mjs';

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
await coldStart(3);
await autosave();
await live();
if (process.env.REDIS_URL) await live([2000, 5000], 2);
await imports();
await coverage();
await diagnostics();
await helper();
await standings();
await scheduled();
