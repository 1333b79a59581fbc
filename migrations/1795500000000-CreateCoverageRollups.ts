import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage roll-ups, kept current by the write paths (submit, review, assign, enrol, publish)
 * so that `/api/coverage` and the reports read counters, never every attempt.
 *
 * - `lesson.lineage_id`: a lesson and all its revisions share one lineage, so a student who
 *   passed last version's lesson has not lost it when the Department publishes a revision.
 * - `school_class.student_count`: enrolments per class, kept by a statement-level trigger
 *   (one update per class and statement, also for a bulk import).
 * - `coverage_class_lesson`: per class, lesson lineage and month, the students who first
 *   passed it that month.
 * - `coverage_class_kind`: per class and program, completed (student, required lesson)
 *   pairs, students reached, required lessons assigned, submissions and the last one.
 * - `coverage_school_month`: the same per school, level, program and month, for the trend.
 * - `class_lesson_assigned`: which lesson lineages each class has been given.
 */
export class CreateCoverageRollups1795500000000 implements MigrationInterface {
  name = 'CreateCoverageRollups1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lesson ADD COLUMN lineage_id uuid;
      ALTER TABLE lesson DISABLE TRIGGER lesson_locked;
      WITH RECURSIVE chain AS (
        SELECT id, id AS root FROM lesson WHERE revises_id IS NULL
        UNION ALL
        SELECT l.id, chain.root FROM lesson l JOIN chain ON l.revises_id = chain.id
      )
      UPDATE lesson SET lineage_id = chain.root FROM chain WHERE lesson.id = chain.id;
      ALTER TABLE lesson ENABLE TRIGGER lesson_locked;
      ALTER TABLE lesson ALTER COLUMN lineage_id SET NOT NULL;
      CREATE INDEX lesson_lineage_idx ON lesson (lineage_id);

      CREATE FUNCTION set_lesson_lineage() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.lineage_id := COALESCE((SELECT lineage_id FROM lesson WHERE id = NEW.revises_id), NEW.id);
        RETURN NEW;
      END $$;
      CREATE TRIGGER lesson_lineage BEFORE INSERT ON lesson FOR EACH ROW EXECUTE FUNCTION set_lesson_lineage();

      ALTER TABLE province_year ADD COLUMN plan_reference text NOT NULL DEFAULT '';

      ALTER TABLE school_class ADD COLUMN student_count integer NOT NULL DEFAULT 0;
      UPDATE school_class c SET student_count = n FROM (SELECT class_id, count(*)::int AS n FROM enrollment GROUP BY class_id) e WHERE e.class_id = c.id;
      CREATE INDEX school_class_year_idx ON school_class (school_year, school_id);

      CREATE FUNCTION count_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE school_class c SET student_count = c.student_count - d.n
            FROM (SELECT class_id, count(*)::int AS n FROM old_rows GROUP BY class_id) d WHERE d.class_id = c.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE school_class c SET student_count = c.student_count + d.n
            FROM (SELECT class_id, count(*)::int AS n FROM new_rows GROUP BY class_id) d WHERE d.class_id = c.id;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER enrollment_counted_insert AFTER INSERT ON enrollment REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION count_enrollments();
      CREATE TRIGGER enrollment_counted_delete AFTER DELETE ON enrollment REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION count_enrollments();
      CREATE TRIGGER enrollment_counted_update AFTER UPDATE ON enrollment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION count_enrollments();

      CREATE TABLE class_lesson_assigned (
        class_id uuid NOT NULL REFERENCES school_class(id) ON DELETE CASCADE,
        lineage_id uuid NOT NULL,
        first_assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (class_id, lineage_id)
      );

      CREATE TABLE coverage_class_lesson (
        class_id uuid NOT NULL REFERENCES school_class(id) ON DELETE CASCADE,
        lineage_id uuid NOT NULL,
        month date NOT NULL,
        passed integer NOT NULL DEFAULT 0,
        PRIMARY KEY (class_id, lineage_id, month)
      );

      CREATE TABLE coverage_class_kind (
        class_id uuid NOT NULL REFERENCES school_class(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('SAFETY', 'MEDIA_LITERACY')),
        pairs integer NOT NULL DEFAULT 0,
        reached integer NOT NULL DEFAULT 0,
        assigned_required integer NOT NULL DEFAULT 0,
        submitted integer NOT NULL DEFAULT 0,
        last_at timestamptz,
        PRIMARY KEY (class_id, kind)
      );

      CREATE TABLE coverage_school_month (
        school_id uuid NOT NULL REFERENCES school(id),
        school_year text NOT NULL,
        level text NOT NULL CHECK (level IN ('THCS', 'THPT')),
        kind text NOT NULL CHECK (kind IN ('SAFETY', 'MEDIA_LITERACY')),
        month date NOT NULL,
        pairs integer NOT NULL DEFAULT 0,
        reached integer NOT NULL DEFAULT 0,
        submitted integer NOT NULL DEFAULT 0,
        PRIMARY KEY (school_id, school_year, level, kind, month)
      );
      CREATE INDEX contest_session_contest_idx ON contest_session (contest_id);

      -- The month a completion counts in, in Vietnam's time.
      CREATE FUNCTION coverage_month(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS
        $$ SELECT date_trunc('month', at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$;
      CREATE FUNCTION class_level(grade smallint) RETURNS text LANGUAGE sql IMMUTABLE AS
        $$ SELECT CASE WHEN grade <= 9 THEN 'THCS' ELSE 'THPT' END $$;

      -- The required lessons (by lineage) of the curricula in force for a province's year.
      CREATE FUNCTION coverage_required(p_province uuid, p_year text) RETURNS TABLE (level text, kind text, lineage_id uuid)
      LANGUAGE sql STABLE AS $$
        SELECT DISTINCT c.level, c.kind, l.lineage_id
        FROM curriculum c
        JOIN curriculum_version v ON v.curriculum_id = c.id AND v.status = 'published'
        JOIN curriculum_lesson cl ON cl.version_id = v.id AND cl.required
        JOIN lesson l ON l.id = cl.lesson_id
        WHERE c.province_id = p_province AND c.school_year = p_year
      $$;

      -- After a publish: which completions and assignments count as required pairs.
      CREATE FUNCTION coverage_recount_required(p_province uuid, p_year text, p_school uuid DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        CREATE TEMP TABLE IF NOT EXISTS cov_required (level text, kind text, lineage_id uuid) ON COMMIT DROP;
        TRUNCATE cov_required;
        INSERT INTO cov_required SELECT * FROM coverage_required(p_province, p_year);

        INSERT INTO coverage_class_kind (class_id, kind)
          SELECT c.id, k.kind FROM school_class c JOIN school s ON s.id = c.school_id
          CROSS JOIN (VALUES ('SAFETY'), ('MEDIA_LITERACY')) AS k (kind)
          WHERE s.province_id = p_province AND c.school_year = p_year AND (p_school IS NULL OR s.id = p_school)
        ON CONFLICT DO NOTHING;

        UPDATE coverage_class_kind k SET
          pairs = COALESCE((SELECT sum(cl.passed) FROM coverage_class_lesson cl
                            JOIN cov_required r ON r.lineage_id = cl.lineage_id AND r.kind = k.kind AND r.level = class_level(c.grade)
                            WHERE cl.class_id = k.class_id), 0),
          assigned_required = (SELECT count(*) FROM class_lesson_assigned a
                               JOIN cov_required r ON r.lineage_id = a.lineage_id AND r.kind = k.kind AND r.level = class_level(c.grade)
                               WHERE a.class_id = k.class_id)
        FROM school_class c JOIN school s ON s.id = c.school_id
        WHERE c.id = k.class_id AND s.province_id = p_province AND c.school_year = p_year AND (p_school IS NULL OR s.id = p_school);

        UPDATE coverage_school_month m SET pairs = 0
          FROM school s WHERE s.id = m.school_id AND s.province_id = p_province AND m.school_year = p_year AND (p_school IS NULL OR s.id = p_school);
        INSERT INTO coverage_school_month (school_id, school_year, level, kind, month, pairs)
          SELECT c.school_id, p_year, r.level, r.kind, cl.month, sum(cl.passed)
          FROM coverage_class_lesson cl
          JOIN school_class c ON c.id = cl.class_id JOIN school s ON s.id = c.school_id
          JOIN cov_required r ON r.lineage_id = cl.lineage_id AND r.level = class_level(c.grade)
          WHERE s.province_id = p_province AND c.school_year = p_year AND (p_school IS NULL OR s.id = p_school)
          GROUP BY 1, 3, 4, 5
        ON CONFLICT (school_id, school_year, level, kind, month) DO UPDATE SET pairs = EXCLUDED.pairs;
      END $$;

      -- Every roll-up of a province's year (or of one school), from the attempts themselves: after
      -- a change of the pass mark, when a student leaves a class, and as the check that the
      -- incremental path and the rule agree.
      CREATE FUNCTION coverage_rebuild(p_province uuid, p_year text, p_school uuid DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
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
          WHERE t.status = 'submitted';

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
      END $$;

      -- What one attempt's submit or review needs to know, under the student's lock: two attempts
      -- of one student ending together must see each other. Generic plan: planned once per connection.
      CREATE FUNCTION coverage_context(p_attempt uuid) RETURNS TABLE (
        lineage_id uuid, kind text, level text, class_id uuid, school_id uuid, school_year text, pass_mark numeric,
        submitted_at timestamptz, required boolean, lesson_passed_elsewhere boolean, kind_passed_elsewhere boolean)
      LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
      #variable_conflict use_column
      BEGIN
        PERFORM pg_advisory_xact_lock(7101, hashtext(t.student_id::text)) FROM attempt t WHERE t.id = p_attempt;
        RETURN QUERY
        SELECT l.lineage_id, l.kind, class_level(c.grade), c.id, c.school_id, c.school_year, COALESCE(y.pass_mark, 50), t.submitted_at,
               EXISTS (SELECT 1 FROM coverage_required(s.province_id, c.school_year) r
                        WHERE r.lineage_id = l.lineage_id AND r.kind = l.kind AND r.level = class_level(c.grade)),
               EXISTS (SELECT 1 FROM attempt o
                         JOIN assignment_class oc ON oc.assignment_id = o.assignment_id AND oc.class_id = c.id
                         JOIN assignment oa ON oa.id = o.assignment_id JOIN lesson ol ON ol.id = oa.lesson_id
                        WHERE o.student_id = t.student_id AND o.id <> t.id AND o.status = 'submitted'
                          AND o.percent >= COALESCE(y.pass_mark, 50) AND ol.lineage_id = l.lineage_id),
               EXISTS (SELECT 1 FROM attempt o
                         JOIN assignment_class oc ON oc.assignment_id = o.assignment_id AND oc.class_id = c.id
                         JOIN assignment oa ON oa.id = o.assignment_id JOIN lesson ol ON ol.id = oa.lesson_id
                        WHERE o.student_id = t.student_id AND o.id <> t.id AND o.status = 'submitted'
                          AND o.percent >= COALESCE(y.pass_mark, 50) AND ol.kind = l.kind)
          FROM attempt t
          JOIN assignment a ON a.id = t.assignment_id
          JOIN lesson l ON l.id = a.lesson_id
          JOIN assignment_class ac ON ac.assignment_id = a.id
          JOIN enrollment e ON e.class_id = ac.class_id AND e.student_id = t.student_id
          JOIN school_class c ON c.id = e.class_id
          JOIN school s ON s.id = c.school_id
          LEFT JOIN province_year y ON y.province_id = s.province_id AND y.school_year = c.school_year
         WHERE t.id = p_attempt
         LIMIT 1;
      END $$;

      -- Moves the counters by the deltas the server worked out with the shared rule.
      CREATE FUNCTION coverage_apply(p_class uuid, p_lineage uuid, p_kind text, p_school uuid, p_at timestamptz, p_lesson int,
        p_pairs int, p_reached int, p_submitted int, p_last timestamptz, p_year text, p_level text) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF p_lesson <> 0 THEN
          INSERT INTO coverage_class_lesson (class_id, lineage_id, month, passed) VALUES (p_class, p_lineage, coverage_month(p_at), p_lesson)
          ON CONFLICT (class_id, lineage_id, month) DO UPDATE SET passed = coverage_class_lesson.passed + EXCLUDED.passed;
        END IF;
        INSERT INTO coverage_class_kind (class_id, kind, pairs, reached, submitted, last_at) VALUES (p_class, p_kind, p_pairs, p_reached, p_submitted, p_last)
        ON CONFLICT (class_id, kind) DO UPDATE SET
          pairs = coverage_class_kind.pairs + EXCLUDED.pairs,
          reached = coverage_class_kind.reached + EXCLUDED.reached,
          submitted = coverage_class_kind.submitted + EXCLUDED.submitted,
          last_at = GREATEST(coverage_class_kind.last_at, EXCLUDED.last_at);
        INSERT INTO coverage_school_month (school_id, school_year, level, kind, month, pairs, reached, submitted)
        VALUES (p_school, p_year, p_level, p_kind, coverage_month(p_at), p_pairs, p_reached, p_submitted)
        ON CONFLICT (school_id, school_year, level, kind, month) DO UPDATE SET
          pairs = coverage_school_month.pairs + EXCLUDED.pairs,
          reached = coverage_school_month.reached + EXCLUDED.reached,
          submitted = coverage_school_month.submitted + EXCLUDED.submitted;
      END $$;

      SELECT coverage_rebuild(province_id, school_year)
        FROM (SELECT DISTINCT s.province_id, c.school_year FROM school_class c JOIN school s ON s.id = c.school_id) y;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION coverage_apply(uuid, uuid, text, uuid, timestamptz, int, int, int, int, timestamptz, text, text);
      DROP FUNCTION coverage_context(uuid);
      DROP FUNCTION coverage_rebuild(uuid, text, uuid);
      DROP FUNCTION coverage_recount_required(uuid, text, uuid);
      DROP FUNCTION coverage_required(uuid, text);
      DROP FUNCTION class_level(smallint);
      DROP FUNCTION coverage_month(timestamptz);
      DROP INDEX contest_session_contest_idx;
      DROP TABLE coverage_school_month, coverage_class_kind, coverage_class_lesson, class_lesson_assigned;
      DROP TRIGGER enrollment_counted_insert ON enrollment;
      DROP TRIGGER enrollment_counted_delete ON enrollment;
      DROP TRIGGER enrollment_counted_update ON enrollment;
      DROP FUNCTION count_enrollments();
      DROP INDEX school_class_year_idx;
      ALTER TABLE school_class DROP COLUMN student_count;
      ALTER TABLE province_year DROP COLUMN plan_reference;
      DROP TRIGGER lesson_lineage ON lesson;
      DROP FUNCTION set_lesson_lineage();
      ALTER TABLE lesson DISABLE TRIGGER lesson_locked;
      ALTER TABLE lesson DROP COLUMN lineage_id;
      ALTER TABLE lesson ENABLE TRIGGER lesson_locked;
    `);
  }
}
