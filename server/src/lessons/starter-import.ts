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
  const counts: StarterImport = { lessons: 0, items: 0, curricula: 0 };

  const idBySlug = await lessons.idsBySlug(tx, provinceId);
  for (const lesson of library.lessons) {
    if (idBySlug.has(lesson.slug)) continue;
    const itemIds: string[] = [];
    for (const { id: _ignored, ...item } of lesson.items) itemIds.push(await items.insert(tx, provinceId, ItemDraftSchema.parse(item), authorId));
    const lessonId = await lessons.insert(tx, provinceId, lesson, authorId, { slug: lesson.slug });
    await lessons.setItems(tx, lessonId, itemIds);
    idBySlug.set(lesson.slug, lessonId);
    counts.lessons++;
    counts.items += itemIds.length;
  }

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
