// The SQL function files (`src/<feature>/sql/*.sql`) travel with the build: migrations read them at run time.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(server, 'src');
const out = path.join(server, 'dist/server/src');

for (const feature of fs.readdirSync(src, { withFileTypes: true })) {
  const dir = path.join(src, feature.name, 'sql');
  if (!feature.isDirectory() || !fs.existsSync(dir)) continue;
  const target = path.join(out, feature.name, 'sql');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(dir)) if (file.endsWith('.sql')) fs.copyFileSync(path.join(dir, file), path.join(target, file));
}
