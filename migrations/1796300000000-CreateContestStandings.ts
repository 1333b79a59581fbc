import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scheduled contest's standings, published once when its window has closed: by student,
 * school and area, ranked in the database and then served a page at a time from this table,
 * so that a province's half a million entries are ranked once and never per request.
 */
export class CreateContestStandings1796300000000 implements MigrationInterface {
  name = 'CreateContestStandings1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contest ADD COLUMN standings_published_at timestamptz;
      CREATE TABLE contest_standing (
        contest_id uuid NOT NULL REFERENCES contest(id) ON DELETE CASCADE,
        by text NOT NULL CHECK (by IN ('student', 'school', 'area')),
        position integer NOT NULL,
        rank integer NOT NULL,
        student_id uuid,
        name text NOT NULL,
        school_name text,
        score integer NOT NULL,
        time_ms bigint,
        entries integer,
        average_score integer,
        PRIMARY KEY (contest_id, by, position),
        CHECK ((by = 'student') = (student_id IS NOT NULL))
      );
      CREATE INDEX contest_standing_student_idx ON contest_standing (contest_id, student_id) WHERE student_id IS NOT NULL;
      CREATE INDEX contest_entry_open_idx ON contest_entry (contest_id, deadline) WHERE submitted_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX contest_entry_open_idx;
      DROP TABLE contest_standing;
      ALTER TABLE contest DROP COLUMN standings_published_at;
    `);
  }
}
