import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  type StarterCurricula,
  StarterCurriculaSchema,
  type StarterLesson,
  StarterLessonSchema,
  type StarterStaffLesson,
  StarterStaffLessonSchema,
  type StarterStaffProgram,
  StarterStaffProgramSchema,
} from '@tinhtao/shared';

export interface StarterLibrary {
  lessons: StarterLesson[];
  curricula: StarterCurricula;
  /** The staff library (`content/staff-library` beside it): lessons for officials and teachers, and the year's program of them. */
  staffLessons: StarterStaffLesson[];
  staffProgram: StarterStaffProgram;
}

/** The library's folder, found upwards from this file so it works from `src/` (tests) and `dist/` (the built server). */
export function starterLibraryDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'content', 'starter-library');
    if (fs.existsSync(path.join(candidate, 'curricula.json'))) return candidate;
  }
  throw new Error(`The starter library (content/starter-library/curricula.json) is not above ${from}`);
}

export class StarterLibraryError extends Error {}

function parseFile<T>(
  file: string,
  parse: (json: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
): T {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new StarterLibraryError(`${path.basename(file)}: not valid JSON (${(e as Error).message})`);
  }
  const result = parse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new StarterLibraryError(`${path.basename(file)} does not validate:\n${issues}`);
  }
  return result.data;
}

/**
 * Reads and validates every lesson file (one per lesson, named `<slug>.json`) and the
 * curricula manifest. Any invalid file, unknown or misplaced slug stops the load with a
 * message naming the file, so a broken library never half-loads.
 */
export function loadStarterLibrary(dir = starterLibraryDir()): StarterLibrary {
  const lessons = readLessons(path.join(dir, 'lessons'), (j) => StarterLessonSchema.safeParse(j));
  const curricula = parseFile(path.join(dir, 'curricula.json'), (j) => StarterCurriculaSchema.safeParse(j));
  const bySlug = new Map(lessons.map((l) => [l.slug, l]));
  for (const c of curricula) {
    for (const entry of c.lessons) {
      const lesson = bySlug.get(entry.slug);
      if (!lesson) throw new StarterLibraryError(`curricula.json: ${c.level} ${c.kind} lists an unknown lesson ${entry.slug}`);
      if (lesson.level !== c.level || lesson.kind !== c.kind)
        throw new StarterLibraryError(`curricula.json: ${entry.slug} is ${lesson.level} ${lesson.kind}, not ${c.level} ${c.kind}`);
    }
  }
  const staffDir = path.join(dir, '..', 'staff-library');
  const staffLessons = readLessons(path.join(staffDir, 'lessons'), (j) => StarterStaffLessonSchema.safeParse(j));
  const staffProgram = parseFile(path.join(staffDir, 'program.json'), (j) => StarterStaffProgramSchema.safeParse(j));
  const staffSlugs = new Set(staffLessons.map((l) => l.slug));
  for (const entry of staffProgram)
    if (!staffSlugs.has(entry.slug)) throw new StarterLibraryError(`staff-library/program.json lists an unknown lesson ${entry.slug}`);
  return { lessons, curricula, staffLessons, staffProgram };
}

/** Every lesson file of a folder (one per lesson, named `<slug>.json`), validated. */
function readLessons<T extends { slug: string }>(
  lessonDir: string,
  parse: (json: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
): T[] {
  return fs
    .readdirSync(lessonDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const lesson = parseFile(path.join(lessonDir, f), parse);
      if (`${lesson.slug}.json` !== f) throw new StarterLibraryError(`${f}: the file must be named after its slug (${lesson.slug}.json)`);
      return lesson;
    });
}
