// The helper's quality on the labelled sets written for this purpose: messages.json (the rules were
// tuned on it) and held-out.json (written apart from the rules, never tuned on). Per-sign precision
// and recall, the share of scams with at least one sign found, and the share of genuine messages
// with a sign their labels do not have (a false warning).
import fs from 'node:fs';
import path from 'node:path';

import { SERVER_DIST } from '../support/db-admin.mjs';

export const HELPER_SETS = ['messages.json', 'held-out.json', 'blind.json'];

export async function helperQuality({ set = 'messages.json', verbose = false } = {}) {
  const { analyze } = await import(path.join(SERVER_DIST, 'helper/rules/signs.js'));
  const { messages } = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'helper', set), 'utf8'));
  const perSign = new Map();
  const tally = (code) => perSign.get(code) ?? perSign.set(code, { tp: 0, fp: 0, fn: 0 }).get(code);
  let scams = 0;
  let scamsFound = 0;
  let genuine = 0;
  let falseWarnings = 0;
  const misses = [];
  for (const m of messages) {
    const found = new Set(analyze(m.text).signs.map((s) => s.code));
    const expected = new Set(m.signs);
    for (const code of found) tally(code)[expected.has(code) ? 'tp' : 'fp'] += 1;
    for (const code of expected) if (!found.has(code)) tally(code).fn += 1;
    if (m.scam) {
      scams += 1;
      if (found.size > 0) scamsFound += 1;
    } else {
      genuine += 1;
      if ([...found].some((c) => !expected.has(c))) falseWarnings += 1;
    }
    const extra = analyze(m.text)
      .signs.filter((s) => !expected.has(s.code))
      .map((s) => `${s.code}「${s.quote}」`);
    const missed = [...expected].filter((c) => !found.has(c));
    if (extra.length || missed.length) misses.push({ id: m.id, extra, missed, text: m.text.slice(0, 160) });
  }
  const rows = [...perSign]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, { tp, fp, fn }]) => ({
      code,
      labelled: tp + fn,
      found: tp + fp,
      precision: tp + fp === 0 ? null : tp / (tp + fp),
      recall: tp + fn === 0 ? null : tp / (tp + fn),
    }));
  const pct = (x) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);
  console.log(`helper quality, ${set}: ${messages.length} messages (${scams} scams, ${genuine} genuine)`);
  console.log(`  scams with at least one sign: ${scamsFound}/${scams} = ${pct(scamsFound / scams)} (target ≥ 95%)`);
  console.log(`  genuine with a false warning: ${falseWarnings}/${genuine} = ${pct(falseWarnings / genuine)} (target ≤ 10%)`);
  console.log('  | sign | labelled | found | precision | recall |');
  for (const r of rows) console.log(`  | ${r.code} | ${r.labelled} | ${r.found} | ${pct(r.precision)} | ${pct(r.recall)} |`);
  if (verbose) for (const m of misses) console.log(`  ${m.id}: +${m.extra.join(',')} -${m.missed.join(',')} :: ${m.text.replace(/\n/g, ' ')}`);
  return { messages: messages.length, scams, scamsFound, genuine, falseWarnings, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const set of HELPER_SETS) await helperQuality({ set, verbose: process.argv.includes('--verbose') });
}
