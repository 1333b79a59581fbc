import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { validate } from '../platform/validation.js';
import { checkFlag } from './flags.js';
import { CtfLibraryIndexSchema, type LibraryChallenge, LibraryChallengeSchema } from './schemas.js';

/** The starter set of CTF challenges (issue 20, §4), read from disk as the seed reads it. */
function libraryDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'server', 'content', 'ctf-library');
    if (existsSync(path.join(candidate, 'index.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('server/content/ctf-library/index.json is not above this spec');
    dir = parent;
  }
}

const dir = libraryDir();
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

function parse<T>(schema: Parameters<typeof validate>[0], value: unknown, what: string): T {
  const result = validate(schema, value, 'vi');
  if (!result.success) throw new Error(`${what}: ${result.issues.map((i) => `${i.field} ${i.code}`).join('; ')}`);
  return result.data as T;
}

const index = parse<{ challenges: string[] }>(CtfLibraryIndexSchema, readJson('index.json'), 'index.json');
const challenges = index.challenges.map((slug) =>
  parse<LibraryChallenge>(LibraryChallengeSchema, readJson(`challenges/${slug}.json`), `challenges/${slug}.json`),
);
const bySlug = new Map(challenges.map((c) => [c.slug, c]));

/** A letter only Vietnamese writes. */
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

/** Every text a person reads, with where it is. Code and flags are not prose. */
function prose(c: LibraryChallenge): [string, string][] {
  const texts: [string, string][] = [
    ['title', c.title],
    ['statement', c.statement],
    ['writeup', c.writeup],
    ...c.hints.map((h, i): [string, string] => [`hints.${i}`, h.text]),
  ];
  if (c.type === 'secure_code') texts.push(['task.explanation', c.task.explanation]);
  else texts.push(...c.files.map((f, i): [string, string] => [`files.${i}.title`, f.title]));
  return texts;
}

describe('the CTF starter library', () => {
  it('is valid, one file per challenge named by its slug, every file listed in the index', () => {
    expect(challenges.map((c) => c.slug)).toEqual(index.challenges);
    const files = readdirSync(path.join(dir, 'challenges')).sort();
    expect(files).toEqual(index.challenges.map((s) => `${s}.json`).sort());
  });

  it('holds at least 20 challenges across THCS and THPT', () => {
    expect(challenges.length).toBeGreaterThanOrEqual(20);
    expect(new Set(challenges.map((c) => c.level))).toEqual(new Set(['THCS', 'THPT']));
  });

  it('holds at least 8 secure-coding tasks in Python, JavaScript and PHP, of the three kinds, at both levels', () => {
    const tasks = challenges.flatMap((c) => (c.type === 'secure_code' ? [{ ...c.task, level: c.level }] : []));
    expect(tasks.length).toBeGreaterThanOrEqual(8);
    expect(new Set(tasks.map((t) => t.language))).toEqual(new Set(['python', 'javascript', 'php']));
    expect(new Set(tasks.map((t) => t.kind))).toEqual(new Set(['find_line', 'pick_fix', 'fill_safe']));
    expect(new Set(tasks.map((t) => t.level))).toEqual(new Set(['THCS', 'THPT']));
  });

  it("makes every range app a per-student flag challenge with the range's own text", async () => {
    const rangeIndex = pathToFileURL(path.join(dir, '..', '..', 'range', 'apps', 'index.ts')).href;
    const { RANGE_APP_MANIFESTS } = (await import(rangeIndex)) as {
      RANGE_APP_MANIFESTS: { slug: string; title: { vi: string }; level: string; topic: string; statement: string; hints: string[]; solution: string }[];
    };
    expect(RANGE_APP_MANIFESTS.length).toBeGreaterThanOrEqual(12);
    for (const m of RANGE_APP_MANIFESTS) {
      const c = bySlug.get(m.slug);
      expect(c && c.type === 'flag' && { rangeApp: c.rangeApp, flag: c.flag.kind }).toEqual({ rangeApp: m.slug, flag: 'per_student' });
      expect(c && { title: c.title, level: c.level, topic: c.topic, statement: c.statement, hints: c.hints.map((h) => h.text), writeup: c.writeup }).toEqual({
        title: m.title.vi,
        level: m.level,
        topic: m.topic,
        statement: m.statement,
        hints: m.hints,
        writeup: m.solution,
      });
    }
    const rangeSlugs = new Set(RANGE_APP_MANIFESTS.map((m) => m.slug));
    const unknown = challenges.filter((c) => c.type === 'flag' && c.rangeApp !== undefined && !rangeSlugs.has(c.rangeApp)).map((c) => c.slug);
    expect(unknown).toEqual([]);
  });

  it('has forensics and encodings with their files: an email, image metadata, an encoded message', () => {
    const offered = challenges.flatMap((c) => (c.type === 'flag' ? c.files.map((f) => f.name) : []));
    expect(offered.some((name) => name.endsWith('.eml'))).toBe(true);
    const topics = new Set(challenges.map((c) => c.topic));
    expect([topics.has('forensics'), topics.has('encoding')]).toEqual([true, true]);
    for (const name of offered) expect([name, existsSync(path.join(dir, 'files', name))]).toEqual([name, true]);
    expect(readdirSync(path.join(dir, 'files')).sort()).toEqual([...new Set(offered)].sort());
  });

  it('writes every text in Vietnamese, in NFC, with no control character', () => {
    const wrong: string[] = [];
    for (const c of challenges)
      for (const [field, value] of prose(c)) {
        if (!VIETNAMESE_LETTER.test(value)) wrong.push(`${c.slug} ${field}: not Vietnamese`);
        if (value !== value.normalize('NFC')) wrong.push(`${c.slug} ${field}: not NFC`);
      }
    expect(wrong).toEqual([]);
  });

  it('gives in each write-up of a static or pattern flag a flag that the challenge accepts', () => {
    const unsolved: string[] = [];
    for (const c of challenges) {
      if (c.type !== 'flag' || c.flag.kind === 'per_student') continue;
      const rule = c.flag;
      const named = c.writeup.match(/TT\{[^}\s]+\}/g) ?? [];
      if (!named.some((flag) => checkFlag(rule, flag))) unsolved.push(c.slug);
    }
    expect(unsolved).toEqual([]);
  });

  it('hides in the encoded message the flag its challenge expects, in Vietnamese byte for byte', () => {
    const c = bySlug.get('thong-diep-hai-lop');
    const hex = readFileSync(path.join(dir, 'files', 'thong-diep-hai-lop.txt'), 'utf8').trim();
    const text = Buffer.from(Buffer.from(hex, 'hex').toString('ascii'), 'base64').toString('utf8');
    expect(text).toContain('Chúc mừng bạn đã giải được hai lớp!');
    expect(c?.type === 'flag' && c.flag.kind === 'static' && text.includes(c.flag.value)).toBe(true);
  });

  it('keeps the answers of the forensics files true to the files', () => {
    const eml = readFileSync(path.join(dir, 'files', 'thu-hoc-bong.eml'), 'utf8');
    const received = eml.split(/\r?\n(?![\t ])/).filter((h) => h.startsWith('Received:'));
    expect(received.at(-1)).toContain('[203.0.113.45]');
    expect(eml).toMatch(/spf=fail/);
    const exif = readFileSync(path.join(dir, 'files', 'anh-da-ngoai-exif.txt'), 'utf8');
    expect(exif).toMatch(/^Date\/Time Original\s+: 2025:05:03 16:42:10$/m);
  });
});
