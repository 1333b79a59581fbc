import { ItemDraftSchema, type SchoolYear } from '@tinhtao/shared';

import { CurriculaRepository } from '../curricula/curricula.repository.js';
import type { Tx } from '../database/transaction.repository.js';
import { ItemsRepository } from './items.repository.js';
import { LessonsRepository } from './lessons.repository.js';
import { loadStarterLibrary, type StarterLibrary } from './starter-library.js';
import { StarterLibraryRepository } from './starter-library.repository.js';

export interface StarterImport {
  lessons: number;
  items: number;
  curricula: number;
  /** Lessons of the staff library added, and whether the year's staff program was set from it. */
  staffLessons: number;
  staffProgram: boolean;
}

/**
 * Loads the starter library into a province's bank and publishes its four curricula for the
 * school year. Lessons the province already has (by slug) and curricula that already exist
 * are left as they are, so running it twice changes nothing.
 */
export async function importStarterLibrary(
  tx: Tx,
  provinceId: string,
  schoolYear: SchoolYear,
  authorId: string | null,
  library: StarterLibrary = loadStarterLibrary(),
): Promise<StarterImport> {
  const db = tx.connection;
  const items = new ItemsRepository(db);
  const lessons = new LessonsRepository(db);
  const curricula = new CurriculaRepository(db);
  const staff = new StarterLibraryRepository(tx);
  const counts: StarterImport = { lessons: 0, items: 0, curricula: 0, staffLessons: 0, staffProgram: false };

  const idBySlug = await lessons.idsBySlug(tx, provinceId);
  for (const [lesson, counter] of [...library.lessons.map((l) => [l, 'lessons'] as const), ...library.staffLessons.map((l) => [l, 'staffLessons'] as const)]) {
    if (idBySlug.has(lesson.slug)) continue;
    const itemIds: string[] = [];
    for (const { id: _ignored, ...item } of lesson.items) itemIds.push(await items.insert(tx, provinceId, ItemDraftSchema.parse(item), authorId));
    const { slug, items: _items, ...fields } = lesson;
    const lessonId = await lessons.insert(tx, provinceId, fields, authorId, { slug });
    await lessons.setItems(tx, lessonId, itemIds);
    idBySlug.set(slug, lessonId);
    counts[counter]++;
    counts.items += itemIds.length;
  }
  // The staff program of the year, unless the Department has set one.
  const program = library.staffProgram.map((l) => ({ lessonId: idBySlug.get(l.slug)!, required: l.required }));
  counts.staffProgram = await staff.setStaffProgramIfNone(provinceId, schoolYear, program);

  for (const plan of library.curricula) {
    if (await curricula.find(provinceId, schoolYear, plan.level, plan.kind, tx)) continue;
    const curriculumId = await curricula.insertCurriculum(tx, provinceId, schoolYear, plan.level, plan.kind);
    const versionId = await curricula.insertDraft(tx, curriculumId, `${plan.title} — ${schoolYear}`, 'Thư viện bài học mẫu Tỉnh Táo', authorId);
    await curricula.setLessons(
      tx,
      versionId,
      plan.lessons.map((l) => ({ lessonId: idBySlug.get(l.slug)!, required: l.required, suggestedMonth: l.suggestedMonth })),
    );
    await curricula.publish(tx, curriculumId, versionId, authorId);
    counts.curricula++;
  }
  return counts;
}

/** The `cli library` command: the starter library into the province with this code. */
export async function importLibrary(databaseUrl: string, provinceCode: string, schoolYear: SchoolYear, clockOffsetMs = 0): Promise<StarterImport> {
  const library = loadStarterLibrary();
  return StarterLibraryRepository.inOwnTransaction(databaseUrl, clockOffsetMs, async (tx) => {
    const provinceId = await new StarterLibraryRepository(tx).findProvinceId(provinceCode);
    if (!provinceId) throw new Error(`No province has the code ${provinceCode}`);
    return importStarterLibrary(tx, provinceId, schoolYear, null, library);
  });
}
