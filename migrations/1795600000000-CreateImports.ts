import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports: a job per uploaded file, its rows as read and judged (the preview), applied
 * on confirm in one transaction. Students carry the code the sector's databases give them
 * (Mã định danh), unique in the province, so that importing a file again changes nothing.
 */
export class CreateImports1795600000000 implements MigrationInterface {
  name = 'CreateImports1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user ADD COLUMN student_code text;
      CREATE UNIQUE INDEX app_user_student_code_idx ON app_user (province_id, student_code) WHERE student_code IS NOT NULL;

      CREATE TABLE import_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        school_id uuid REFERENCES school(id),
        type text NOT NULL CHECK (type IN ('schools', 'students')),
        school_year text,
        file_name text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
        progress smallint NOT NULL DEFAULT 0,
        counts jsonb NOT NULL,
        creates jsonb NOT NULL DEFAULT '{}',
        error text,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        finished_at timestamptz
      );
      CREATE INDEX import_job_school_idx ON import_job (province_id, school_id, created_at DESC);

      CREATE TABLE import_row (
        import_id uuid NOT NULL REFERENCES import_job(id) ON DELETE CASCADE,
        row_no integer NOT NULL,
        action text NOT NULL CHECK (action IN ('create', 'update', 'unchanged', 'error')),
        -- What the row says, as read; the normalised value to write; the reasons it cannot be.
        cells jsonb NOT NULL,
        value jsonb,
        changes text[],
        errors jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (import_id, row_no)
      );
      CREATE INDEX import_row_action_idx ON import_row (import_id, action, row_no);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE import_row, import_job;
      DROP INDEX app_user_student_code_idx;
      ALTER TABLE app_user DROP COLUMN student_code;
    `);
  }
}
