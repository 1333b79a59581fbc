import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduled contests: one timed entry per student, its answers saved as it goes. */
export class CreateContestEntries1795400000000 implements MigrationInterface {
  name = 'CreateContestEntries1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contest_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contest_id uuid NOT NULL REFERENCES contest(id),
        student_id uuid NOT NULL REFERENCES app_user(id),
        started_at timestamptz NOT NULL DEFAULT now(),
        deadline timestamptz NOT NULL,
        submitted_at timestamptz,
        answers jsonb NOT NULL DEFAULT '{}',
        score integer,
        correct smallint,
        time_ms integer,
        UNIQUE (contest_id, student_id),
        CHECK (deadline > started_at)
      );
      CREATE INDEX contest_entry_ranking_idx ON contest_entry (contest_id, score DESC, time_ms) WHERE submitted_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contest_entry`);
  }
}
