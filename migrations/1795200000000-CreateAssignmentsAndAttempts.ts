import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignments of a lesson to classes, one attempt per student and assignment, and one
 * response row per attempt × item, so that an autosave is an idempotent upsert.
 */
export class CreateAssignmentsAndAttempts1795200000000 implements MigrationInterface {
  name = 'CreateAssignmentsAndAttempts1795200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        school_id uuid NOT NULL REFERENCES school(id),
        lesson_id uuid NOT NULL REFERENCES lesson(id),
        opens_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        closed_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (due_at > opens_at)
      );
      CREATE INDEX assignment_school_idx ON assignment (school_id, lesson_id);

      CREATE TABLE assignment_class (
        assignment_id uuid NOT NULL REFERENCES assignment(id) ON DELETE CASCADE,
        class_id uuid NOT NULL REFERENCES school_class(id),
        PRIMARY KEY (assignment_id, class_id)
      );
      CREATE INDEX assignment_class_class_idx ON assignment_class (class_id);

      CREATE TABLE attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        student_id uuid NOT NULL REFERENCES app_user(id),
        status text NOT NULL CHECK (status IN ('in_progress', 'submitted')),
        started_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        score numeric(8, 2),
        max_score numeric(8, 2),
        percent numeric(5, 1),
        pending_review smallint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (assignment_id, student_id),
        CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
      );
      CREATE INDEX attempt_student_idx ON attempt (student_id);

      CREATE TABLE response (
        id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        attempt_id uuid NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES item(id),
        response jsonb NOT NULL,
        seq bigint NOT NULL DEFAULT 0,
        saved_at timestamptz NOT NULL DEFAULT now(),
        score numeric(6, 2),
        max_score numeric(6, 2),
        correct boolean,
        review_comment text,
        reviewed_by uuid REFERENCES app_user(id),
        reviewed_at timestamptz,
        PRIMARY KEY (attempt_id, item_id)
      );
      -- The teachers' review queue: short answers submitted and not yet reviewed.
      CREATE INDEX response_pending_review_idx ON response (attempt_id) WHERE score IS NULL AND max_score IS NOT NULL;

      -- A response may change only while its attempt is in progress, or when a teacher reviews it.
      CREATE FUNCTION refuse_submitted_response_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT status FROM attempt WHERE id = NEW.attempt_id) = 'submitted'
           AND (TG_OP = 'INSERT' OR NEW.response IS DISTINCT FROM OLD.response) THEN
          RAISE EXCEPTION 'attempt % is submitted and its responses cannot change', NEW.attempt_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER response_submitted BEFORE INSERT OR UPDATE ON response FOR EACH ROW EXECUTE FUNCTION refuse_submitted_response_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE response, attempt, assignment_class, assignment;
      DROP FUNCTION refuse_submitted_response_change();
    `);
  }
}
