#!/usr/bin/env node
/**
 * `npm run deps`: dependency-cruiser's rules (.dependency-cruiser.cjs: no module cycles,
 * shared stands alone, client and server apart), then the feature-folder graph of the server:
 * every import between two folders of server/src, type-only ones included, collapsed to an
 * edge between the folders, and any cycle of folders is an error. Exits 1 on any violation.
 */
import { createRequire } from 'node:module';

import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const options = require('../.dependency-cruiser.cjs');

const result = await cruise(['server/src', 'shared/src', 'client/src'], { ...options.options, ruleSet: { forbidden: options.forbidden }, validate: true });
const { modules, summary } = result.output;

const problems = summary.violations.map((v) => `${v.rule.name}: ${[v.from, ...(v.cycle ?? []).map((c) => c.name ?? c)].join(' → ')}`);

/** The feature folder of a server source file, or null. */
const folderOf = (file) => /^server\/src\/([^/]+)\//.exec(file)?.[1] ?? null;
const edges = new Map();
for (const module of modules) {
  const from = folderOf(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    const to = folderOf(dependency.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const via = edges.get(from);
    if (!via.has(to)) via.set(to, `${module.source} → ${dependency.resolved}`);
  }
}

// Tarjan's strongly connected components: a component of two or more folders is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
function visit(folder) {
  state.set(folder, { index, low: index, onStack: true });
  index++;
  stack.push(folder);
  for (const next of edges.get(folder)?.keys() ?? []) {
    if (!state.has(next)) {
      visit(next);
      state.get(folder).low = Math.min(state.get(folder).low, state.get(next).low);
    } else if (state.get(next).onStack) state.get(folder).low = Math.min(state.get(folder).low, state.get(next).index);
  }
  if (state.get(folder).low === state.get(folder).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== folder);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const folder of edges.keys()) if (!state.has(folder)) visit(folder);

for (const cycle of cycles) {
  problems.push(`feature cycle: ${cycle.join(' ↔ ')}`);
  for (const from of cycle) for (const [to, example] of edges.get(from) ?? []) if (cycle.includes(to)) problems.push(`    ${from} → ${to} (e.g. ${example})`);
}

const folders = new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]);
console.log(
  `${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports; ${folders.size} server feature folders, ${cycles.length} cycles between them`,
);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
