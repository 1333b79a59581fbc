import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contests from question-bank items; live sessions with a PIN and their state; participants;
 * answers, one per session × question × student (the key makes recording idempotent).
 */
export class CreateContests1795300000000 implements MigrationInterface {
  name = 'CreateContests1795300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        school_id uuid REFERENCES school(id),
        title text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('live', 'scheduled')),
        scope_type text NOT NULL CHECK (scope_type IN ('class', 'school', 'province')),
        scope_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SAFETY', 'MEDIA_LITERACY')),
        seconds_per_question smallint NOT NULL CHECK (seconds_per_question BETWEEN 5 AND 300),
        opens_at timestamptz,
        closes_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX contest_province_idx ON contest (province_id, created_at DESC);

      CREATE TABLE contest_item (
        contest_id uuid NOT NULL REFERENCES contest(id) ON DELETE CASCADE,
        position smallint NOT NULL,
        item_id uuid NOT NULL REFERENCES item(id),
        PRIMARY KEY (contest_id, position)
      );

      CREATE TABLE contest_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contest_id uuid NOT NULL REFERENCES contest(id),
        pin text NOT NULL CHECK (pin ~ '^[0-9]{6}$'),
        state jsonb NOT NULL,
        host_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      );
      -- A PIN names one running session at a time.
      CREATE UNIQUE INDEX contest_session_pin_idx ON contest_session (pin) WHERE ended_at IS NULL;

      CREATE TABLE participant (
        session_id uuid NOT NULL REFERENCES contest_session(id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES app_user(id),
        joined_at timestamptz NOT NULL DEFAULT now(),
        kicked_at timestamptz,
        PRIMARY KEY (session_id, student_id)
      );

      CREATE TABLE contest_answer (
        session_id uuid NOT NULL REFERENCES contest_session(id) ON DELETE CASCADE,
        question_index smallint NOT NULL,
        student_id uuid NOT NULL REFERENCES app_user(id),
        choice jsonb NOT NULL,
        received_at timestamptz NOT NULL,
        elapsed_ms integer NOT NULL,
        correct boolean NOT NULL,
        points integer NOT NULL,
        PRIMARY KEY (session_id, question_index, student_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contest_answer, participant, contest_session, contest_item, contest`);
  }
}
