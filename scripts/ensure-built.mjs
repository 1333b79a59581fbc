// Builds shared, server (and with --client the browser app) when their output is missing
// or older than their sources, so `npm start` and `npm test` work straight after `npm ci`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir, skip = ['node_modules', 'dist']) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full, skip) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const stamp = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

const parts = [
  { name: 'shared', sources: ['shared/src'], output: 'shared/dist/index.js' },
  { name: 'server', sources: ['server/src', 'server/range', 'migrations', 'shared/src'], output: 'server/dist/server/src/main.js' },
];
if (process.argv.includes('--client'))
  parts.push({
    name: 'client',
    sources: ['client/src', 'client/index.html', 'client/public', 'client/vite.config.ts', 'shared/src'],
    output: 'client/dist/index.html',
  });

for (const part of parts) {
  const sourceTime = Math.max(
    ...part.sources.map((s) => {
      const full = path.join(root, s);
      return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.statSync(full).mtimeMs : newestMtime(full);
    }),
  );
  if (stamp(path.join(root, part.output)) >= sourceTime) continue;
  process.stdout.write(`Building ${part.name}…\n`);
  execFileSync('npm', ['run', 'build', '-w', part.name], { cwd: root, stdio: 'inherit' });
}
