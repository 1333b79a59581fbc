#!/usr/bin/env node
/**
 * Builds the client with its own Vite config into another folder, optionally with one import
 * added to one source module on the way through the build (the file on disk stays untouched):
 *
 *   node test/support/build-client.mjs <outDir> [<module under client/> <import specifier>]
 *
 * The budget test uses it to give a student page a heavy staff-only library and see the budget fail.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'vite';

const client = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client');
const [outDir, module, specifier] = process.argv.slice(2);
if (!outDir || (module && !specifier)) throw new Error('usage: build-client.mjs <outDir> [<module> <import specifier>]');

const target = module && path.join(client, module);
const addImport = {
  name: 'test-add-import',
  // After the Vue plugin: the module is JavaScript by now, and an import declaration may sit anywhere at top level.
  transform(code, id) {
    if (id === target) return { code: `${code}\nimport ${JSON.stringify(specifier)};\n`, map: null };
  },
};

await build({
  root: client,
  configFile: path.join(client, 'vite.config.ts'),
  logLevel: 'silent',
  plugins: target ? [addImport] : [],
  build: { outDir: path.resolve(outDir), emptyOutDir: true },
});
