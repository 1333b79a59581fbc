CREATE OR REPLACE FUNCTION public.coverage_rebuild(p_province uuid, p_year text, p_school uuid DEFAULT NULL::uuid)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
      DECLARE
        pass numeric := COALESCE((SELECT pass_mark FROM province_year WHERE province_id = p_province AND school_year = p_year), default_pass_mark());
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
      END $function$
