import { DataSource } from 'typeorm';

import { dataSourceOptions } from '../database/data-source.js';
import type { Queryable } from '../database/transaction.repository.js';

/** A stored text that holds U+FFFD: a character lost when a file was read (before imports read XLSX byte-safely). */
export interface DamagedText {
  /** What it is: a user's full name, a class's or school's name, an area's name, a lesson's or an item's text. */
  kind: 'user' | 'class' | 'school' | 'area' | 'lesson' | 'item';
  id: string;
  /** The column that holds it. */
  field: string;
  text: string;
  provinceCode: string;
}

const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Finds names and lesson texts that hold U+FFFD, for `cli check-names`. A full scan of each
 * table: run once after an upgrade, not per request.
 */
export class DamagedTextRepository {
  constructor(private readonly db: Queryable) {}

  /** For the command line: opens one connection to the database at `databaseUrl`, reads, and closes it. */
  static async findInDatabase(databaseUrl: string): Promise<DamagedText[]> {
    const db = new DataSource(dataSourceOptions(databaseUrl, 1));
    await db.initialize();
    try {
      return await new DamagedTextRepository(db).findWithReplacementCharacter();
    } finally {
      await db.destroy();
    }
  }

  findWithReplacementCharacter(): Promise<DamagedText[]> {
    return this.db.query<DamagedText[]>(
      `SELECT kind, id, field, text, "provinceCode" FROM (
         SELECT 'user' AS kind, u.id, 'full_name' AS field, u.full_name AS text, p.code AS "provinceCode"
           FROM app_user u JOIN province p ON p.id = u.province_id WHERE strpos(u.full_name, $1) > 0
         UNION ALL
         SELECT 'class', c.id, 'name', c.name, p.code
           FROM school_class c JOIN school s ON s.id = c.school_id JOIN province p ON p.id = s.province_id WHERE strpos(c.name, $1) > 0
         UNION ALL
         SELECT 'school', s.id, f.field, f.text, p.code
           FROM school s JOIN province p ON p.id = s.province_id
           CROSS JOIN LATERAL (VALUES ('name', s.name), ('address', s.address)) AS f (field, text)
          WHERE strpos(f.text, $1) > 0
         UNION ALL
         SELECT 'area', a.id, 'name', a.name, p.code
           FROM area a JOIN province p ON p.id = a.province_id WHERE strpos(a.name, $1) > 0
         UNION ALL
         SELECT 'lesson', l.id, f.field, f.text, p.code
           FROM lesson l JOIN province p ON p.id = l.province_id
           CROSS JOIN LATERAL (VALUES ('title', l.title), ('summary', l.summary), ('objectives', l.objectives::text), ('body', l.body::text)) AS f (field, text)
          WHERE strpos(f.text, $1) > 0
         UNION ALL
         SELECT 'item', i.id, f.field, f.text, p.code
           FROM item i JOIN province p ON p.id = i.province_id
           CROSS JOIN LATERAL (VALUES ('prompt', i.prompt), ('content', i.content::text), ('feedback', i.feedback)) AS f (field, text)
          WHERE strpos(f.text, $1) > 0
       ) AS found
       ORDER BY "provinceCode", kind, field, id`,
      [REPLACEMENT_CHARACTER],
    );
  }
}
