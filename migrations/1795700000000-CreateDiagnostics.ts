import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The two places the coverage rebuild reads assignments: diagnostic ones are not lessons done. */
const DIAGNOSTIC_FILTERS = ['\n          WHERE a.diagnostic_id IS NULL', ' AND a.diagnostic_id IS NULL'];

/** coverage_rebuild of CreateCoverageRollups, with the filters; `down` takes them out again. */
const REBUILD = `
      CREATE OR REPLACE FUNCTION coverage_rebuild(p_province uuid, p_year text, p_school uuid DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        pass numeric := COALESCE((SELECT pass_mark FROM province_year WHERE province_id = p_province AND school_year = p_year), 50);
      BEGIN
        CREATE TEMP TABLE IF NOT EXISTS cov_class (id uuid PRIMARY KEY, school_id uuid, level text) ON COMMIT DROP;
        TRUNCATE cov_class;
        INSERT INTO cov_class SELECT c.id, c.school_id, class_level(c.grade)
          FROM school_class c JOIN school s ON s.id = c.school_id
          WHERE s.province_id = p_province AND c.school_year = p_year AND (p_school IS NULL OR s.id = p_school);

        DELETE FROM class_lesson_assigned WHERE class_id IN (SELECT id FROM cov_class);
        DELETE FROM coverage_class_lesson WHERE class_id IN (SELECT id FROM cov_class);
        DELETE FROM coverage_class_kind WHERE class_id IN (SELECT id FROM cov_class);
        DELETE FROM coverage_school_month m USING school s
          WHERE s.id = m.school_id AND s.province_id = p_province AND m.school_year = p_year AND (p_school IS NULL OR s.id = p_school);

        INSERT INTO class_lesson_assigned (class_id, lineage_id, first_assigned_at)
          SELECT ac.class_id, l.lineage_id, min(a.created_at)
          FROM assignment_class ac JOIN cov_class c ON c.id = ac.class_id
          JOIN assignment a ON a.id = ac.assignment_id JOIN lesson l ON l.id = a.lesson_id
          WHERE a.diagnostic_id IS NULL
          GROUP BY 1, 2;

        CREATE TEMP TABLE IF NOT EXISTS cov_submitted (student_id uuid, class_id uuid, school_id uuid, level text, lineage_id uuid,
          kind text, at timestamptz, passed boolean) ON COMMIT DROP;
        TRUNCATE cov_submitted;
        INSERT INTO cov_submitted
          SELECT t.student_id, c.id, c.school_id, c.level, l.lineage_id, l.kind, t.submitted_at, t.percent >= pass
          FROM attempt t
          JOIN enrollment e ON e.student_id = t.student_id AND e.school_year = p_year
          JOIN cov_class c ON c.id = e.class_id
          JOIN assignment_class ac ON ac.assignment_id = t.assignment_id AND ac.class_id = e.class_id
          JOIN assignment a ON a.id = t.assignment_id JOIN lesson l ON l.id = a.lesson_id
          WHERE t.status = 'submitted' AND a.diagnostic_id IS NULL;

        INSERT INTO coverage_class_lesson (class_id, lineage_id, month, passed)
          SELECT class_id, lineage_id, coverage_month(at), count(*)
          FROM (SELECT class_id, lineage_id, min(at) AS at FROM cov_submitted WHERE passed GROUP BY student_id, class_id, lineage_id) f
          GROUP BY 1, 2, 3;

        INSERT INTO coverage_class_kind (class_id, kind, reached, submitted, last_at)
          SELECT s.class_id, s.kind, COALESCE(r.reached, 0), s.submitted, s.last_at
          FROM (SELECT class_id, kind, count(*) AS submitted, max(at) AS last_at FROM cov_submitted GROUP BY 1, 2) s
          LEFT JOIN (SELECT class_id, kind, count(DISTINCT student_id) AS reached FROM cov_submitted WHERE passed GROUP BY 1, 2) r
            ON r.class_id = s.class_id AND r.kind = s.kind;

        INSERT INTO coverage_school_month (school_id, school_year, level, kind, month, reached, submitted)
          SELECT school_id, p_year, level, kind, month, sum(reached), sum(submitted)
          FROM (
            SELECT school_id, level, kind, coverage_month(at) AS month, 0 AS reached, count(*) AS submitted
              FROM cov_submitted GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT school_id, level, kind, coverage_month(min(at)), 1, 0
              FROM cov_submitted WHERE passed GROUP BY student_id, school_id, level, kind
          ) x
          GROUP BY 1, 3, 4, 5;

        PERFORM coverage_recount_required(p_province, p_year, p_school);
      END $$;`;

/**
 * Pre/post diagnostics: two parallel forms (A and B) of tagged bank items, each a lesson, given
 * to classes as assignments marked with the diagnostic, its phase and its form, so that students
 * use the same player, autosave and submit. Per student the form outcomes are kept; per class the
 * additive sums of the statistics (`shared/src/diagnostics/stats.ts`), per school the item and
 * technique tallies: the results page reads those roll-ups, never the responses.
 */
export class CreateDiagnostics1795700000000 implements MigrationInterface {
  name = 'CreateDiagnostics1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE diagnostic (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        school_year text NOT NULL,
        level text NOT NULL CHECK (level IN ('THCS', 'THPT')),
        kind text NOT NULL CHECK (kind IN ('SAFETY', 'MEDIA_LITERACY')),
        title text NOT NULL,
        form_a_lesson_id uuid NOT NULL REFERENCES lesson(id),
        form_b_lesson_id uuid NOT NULL REFERENCES lesson(id),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX diagnostic_province_idx ON diagnostic (province_id, school_year, level);

      CREATE TABLE diagnostic_item (
        diagnostic_id uuid NOT NULL REFERENCES diagnostic(id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES item(id),
        form char(1) NOT NULL CHECK (form IN ('A', 'B')),
        position smallint NOT NULL,
        measures text NOT NULL,
        genuine boolean NOT NULL,
        PRIMARY KEY (diagnostic_id, item_id)
      );

      ALTER TABLE assignment
        ADD COLUMN diagnostic_id uuid REFERENCES diagnostic(id),
        ADD COLUMN diagnostic_phase text CHECK (diagnostic_phase IN ('pre', 'post')),
        ADD COLUMN diagnostic_form char(1) CHECK (diagnostic_form IN ('A', 'B')),
        ADD CONSTRAINT assignment_diagnostic_whole
          CHECK ((diagnostic_id IS NULL) = (diagnostic_phase IS NULL) AND (diagnostic_id IS NULL) = (diagnostic_form IS NULL));
      CREATE INDEX assignment_diagnostic_idx ON assignment (diagnostic_id, diagnostic_phase) WHERE diagnostic_id IS NOT NULL;

      -- A student's form before (after is the other), the class the student counts in, and each form's outcome.
      CREATE TABLE diagnostic_student (
        diagnostic_id uuid NOT NULL REFERENCES diagnostic(id) ON DELETE CASCADE,
        student_id uuid NOT NULL REFERENCES app_user(id),
        pre_form char(1) NOT NULL CHECK (pre_form IN ('A', 'B')),
        class_id uuid REFERENCES school_class(id),
        pre jsonb,
        post jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (diagnostic_id, student_id)
      );
      CREATE INDEX diagnostic_student_class_idx ON diagnostic_student (diagnostic_id, class_id);

      -- The form a student takes in a phase: the one dealt when the pre-test opened, else by a hash.
      CREATE FUNCTION diagnostic_form_for(p_diagnostic uuid, p_phase text, p_student uuid) RETURNS char LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN p_phase = 'pre' THEN f WHEN f = 'A' THEN 'B' ELSE 'A' END
          FROM (SELECT COALESCE(
                  (SELECT pre_form FROM diagnostic_student WHERE diagnostic_id = p_diagnostic AND student_id = p_student),
                  CASE WHEN hashtext(p_diagnostic::text || p_student::text) & 1 = 0 THEN 'A' ELSE 'B' END) AS f) x
      $$;

      CREATE TABLE diagnostic_class_sums (
        diagnostic_id uuid NOT NULL REFERENCES diagnostic(id) ON DELETE CASCADE,
        class_id uuid NOT NULL REFERENCES school_class(id),
        school_id uuid NOT NULL REFERENCES school(id),
        pre_n double precision NOT NULL DEFAULT 0,
        pre_sum double precision NOT NULL DEFAULT 0,
        pre_sum_sq double precision NOT NULL DEFAULT 0,
        post_n double precision NOT NULL DEFAULT 0,
        post_sum double precision NOT NULL DEFAULT 0,
        post_sum_sq double precision NOT NULL DEFAULT 0,
        pair_n double precision NOT NULL DEFAULT 0,
        pair_pre_sum double precision NOT NULL DEFAULT 0,
        pair_pre_sum_sq double precision NOT NULL DEFAULT 0,
        pair_gain_sum double precision NOT NULL DEFAULT 0,
        pair_gain_sum_sq double precision NOT NULL DEFAULT 0,
        pair_pre_gain_sum double precision NOT NULL DEFAULT 0,
        pair_improved double precision NOT NULL DEFAULT 0,
        disc_n double precision NOT NULL DEFAULT 0,
        disc_pre_sum double precision NOT NULL DEFAULT 0,
        disc_post_sum double precision NOT NULL DEFAULT 0,
        disc_gain_sum double precision NOT NULL DEFAULT 0,
        disc_gain_sum_sq double precision NOT NULL DEFAULT 0,
        skep_n double precision NOT NULL DEFAULT 0,
        skep_pre_sum double precision NOT NULL DEFAULT 0,
        skep_post_sum double precision NOT NULL DEFAULT 0,
        skep_gain_sum double precision NOT NULL DEFAULT 0,
        skep_gain_sum_sq double precision NOT NULL DEFAULT 0,
        PRIMARY KEY (diagnostic_id, class_id)
      );
      CREATE INDEX diagnostic_class_sums_school_idx ON diagnostic_class_sums (diagnostic_id, school_id);

      CREATE TABLE diagnostic_school_item (
        diagnostic_id uuid NOT NULL REFERENCES diagnostic(id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES school(id),
        item_id uuid NOT NULL REFERENCES item(id),
        phase text NOT NULL CHECK (phase IN ('pre', 'post')),
        n double precision NOT NULL DEFAULT 0,
        x_sum double precision NOT NULL DEFAULT 0,
        x_sum_sq double precision NOT NULL DEFAULT 0,
        y_sum double precision NOT NULL DEFAULT 0,
        y_sum_sq double precision NOT NULL DEFAULT 0,
        xy_sum double precision NOT NULL DEFAULT 0,
        PRIMARY KEY (diagnostic_id, school_id, item_id, phase)
      );

      CREATE TABLE diagnostic_school_tag (
        diagnostic_id uuid NOT NULL REFERENCES diagnostic(id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES school(id),
        phase text NOT NULL CHECK (phase IN ('pre', 'post')),
        tag text NOT NULL,
        responses integer NOT NULL DEFAULT 0,
        missed integer NOT NULL DEFAULT 0,
        PRIMARY KEY (diagnostic_id, school_id, phase, tag)
      );
    `);
    await q.query(REBUILD);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(DIAGNOSTIC_FILTERS.reduce((sql, filter) => sql.replace(filter, ''), REBUILD));
    await q.query(`
      DROP TABLE diagnostic_school_tag, diagnostic_school_item, diagnostic_class_sums, diagnostic_student;
      DROP FUNCTION diagnostic_form_for(uuid, text, uuid);
      ALTER TABLE assignment DROP CONSTRAINT assignment_diagnostic_whole, DROP COLUMN diagnostic_form, DROP COLUMN diagnostic_phase, DROP COLUMN diagnostic_id;
      DROP TABLE diagnostic_item, diagnostic;
    `);
  }
}
