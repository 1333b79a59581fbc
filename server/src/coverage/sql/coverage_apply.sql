CREATE OR REPLACE FUNCTION public.coverage_apply(p_class uuid, p_lineage uuid, p_kind text, p_school uuid, p_at timestamp with time zone, p_lesson integer, p_pairs integer, p_reached integer, p_submitted integer, p_last timestamp with time zone, p_year text, p_level text)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
      END $function$
