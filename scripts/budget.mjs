#!/usr/bin/env node
/**
 * The student side's weight budget, measured from the built client (client/dist and its Vite manifest).
 *
 * For each student route, what the phone downloads before the page is interactive: the entry chunk,
 * the route's layout and view chunks, and every chunk they import statically (transitively), with
 * their CSS. Sizes are brotli-compressed bytes, as the server sends them to every current phone
 * browser. A route over the budget fails the run (exit code 1) and names what it loads.
 *
 *   node scripts/budget.mjs [distDir]        (default: client/dist)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

/** Bytes after brotli, per kind, per route: 100 KB of JavaScript and 25 KB of CSS (1 KB = 1,000 bytes). */
export const BUDGET = { js: 100_000, css: 25_000 };

const LAYOUT = 'src/components/layout/AppLayout.vue';

/**
 * The student routes. Every view under src/views/student/ is measured even when it is not listed
 * here, so a new student page cannot slip past the budget.
 */
export const STUDENT_ROUTES = [
  { route: '/login', modules: ['src/views/LoginView.vue'] },
  { route: '/play', modules: [LAYOUT, 'src/views/live/PlayView.vue'] },
  { route: '/student/hoi', modules: [LAYOUT, 'src/views/HelperView.vue'] },
];
const STUDENT_VIEWS = 'src/views/student/';

/** The routes to measure, from the manifest: the listed ones and every student view. */
export function studentRoutes(manifest) {
  const listed = STUDENT_ROUTES.map((r) => r.modules.at(-1));
  const views = Object.keys(manifest)
    .filter((key) => key.startsWith(STUDENT_VIEWS) && !listed.includes(key))
    .sort()
    .map((key) => ({ route: key.slice('src/views/'.length), modules: [LAYOUT, key] }));
  return [...STUDENT_ROUTES, ...views];
}

/** The chunks one route loads before it is interactive: the entry, the route's modules, and all they import statically. */
export function routeFiles(manifest, modules) {
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entry) throw new Error('The manifest has no entry chunk: was the client built with build.manifest?');
  const seen = new Set();
  const js = new Set();
  const css = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest: the budget's route list is out of date.`);
    seen.add(key);
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  for (const key of modules) visit(key);
  return { js: [...js], css: [...css] };
}

/** The brotli size of a built file: its precompressed twin when the build wrote one, else compressed here. */
export function compressedSize(dist, file) {
  const twin = path.join(dist, `${file}.br`);
  if (fs.existsSync(twin)) return fs.statSync(twin).size;
  const bytes = fs.readFileSync(path.join(dist, file));
  return zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

/** Every student route's compressed JavaScript and CSS, and whether it is over the budget. */
export function measure(dist) {
  const manifestFile = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build the client first (npm run build -w client).`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const size = (files) => files.reduce((sum, file) => sum + compressedSize(dist, file), 0);
  return studentRoutes(manifest).map(({ route, modules }) => {
    const files = routeFiles(manifest, modules);
    const js = size(files.js);
    const css = size(files.css);
    return { route, js, css, files, over: js > BUDGET.js || css > BUDGET.css };
  });
}

function kb(bytes) {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dist = path.resolve(process.argv[2] ?? path.join(here, '..', 'client', 'dist'));
  const rows = measure(dist);
  console.log(`Student routes, brotli bytes before interactive (budget: JS ${kb(BUDGET.js)}, CSS ${kb(BUDGET.css)})`);
  for (const row of rows) {
    console.log(
      `${row.over ? 'OVER' : 'ok  '}  ${row.route.padEnd(40)} JS ${kb(row.js).padStart(9)}  CSS ${kb(row.css).padStart(8)}  (${row.files.js.length} chunks)`,
    );
    if (row.over) {
      const detail = [...row.files.js, ...row.files.css].map((file) => `${file} ${kb(compressedSize(dist, file))}`);
      console.log(`      ${detail.join('\n      ')}`);
    }
  }
  const over = rows.filter((row) => row.over);
  if (over.length > 0) {
    console.error(`Over the weight budget: ${over.map((row) => row.route).join(', ')}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
