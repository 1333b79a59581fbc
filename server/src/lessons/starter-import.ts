import { type ItemDraft, ItemDraftSchema, type SchoolYear } from '@tinhtao/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { CurriculaRepository } from '../curricula/curricula.repository.js';
import { dataSourceOptions } from '../database/data-source.js';
import { ItemsRepository } from './items.repository.js';
import { LessonsRepository } from './lessons.repository.js';
import { loadStarterLibrary, type StarterLibrary } from './starter-library.js';

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
  tx: EntityManager,
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

  const existing: { id: string; slug: string }[] = await tx.query(`SELECT id, slug FROM lesson WHERE province_id = $1 AND slug IS NOT NULL`, [provinceId]);
  const idBySlug = new Map(existing.map((l) => [l.slug, l.id]));
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
    const found: { id: string }[] = await tx.query(`SELECT id FROM curriculum WHERE province_id = $1 AND school_year = $2 AND level = $3 AND kind = $4`, [
      provinceId,
      schoolYear,
      plan.level,
      plan.kind,
    ]);
    if (found.length > 0) continue;
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
  const db = new DataSource(dataSourceOptions(databaseUrl, 2, clockOffsetMs));
  await db.initialize();
  try {
    return await db.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(`SELECT id FROM province WHERE code = $1`, [provinceCode]);
      if (rows.length === 0) throw new Error(`No province has the code ${provinceCode}`);
      return importStarterLibrary(tx, rows[0].id, schoolYear, null, library);
    });
  } finally {
    await db.destroy();
  }
}
