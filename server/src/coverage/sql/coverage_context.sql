CREATE OR REPLACE FUNCTION public.coverage_context(p_attempt uuid)
 RETURNS TABLE(lineage_id uuid, kind text, level text, class_id uuid, school_id uuid, school_year text, pass_mark numeric, submitted_at timestamp with time zone, required boolean, lesson_passed_elsewhere boolean, kind_passed_elsewhere boolean)
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
      #variable_conflict use_column
      BEGIN
        PERFORM pg_advisory_xact_lock(7101, hashtext(t.student_id::text)) FROM attempt t WHERE t.id = p_attempt;
        RETURN QUERY
        SELECT l.lineage_id, l.kind, class_level(c.grade), c.id, c.school_id, c.school_year, COALESCE(y.pass_mark, default_pass_mark()), t.submitted_at,
               EXISTS (SELECT 1 FROM coverage_required(s.province_id, c.school_year) r
                        WHERE r.lineage_id = l.lineage_id AND r.kind = l.kind AND r.level = class_level(c.grade)),
               EXISTS (SELECT 1 FROM attempt o
                         JOIN assignment_class oc ON oc.assignment_id = o.assignment_id AND oc.class_id = c.id
                         JOIN assignment oa ON oa.id = o.assignment_id JOIN lesson ol ON ol.id = oa.lesson_id
                        WHERE o.student_id = t.student_id AND o.id <> t.id AND o.status = 'submitted'
                          AND o.percent >= COALESCE(y.pass_mark, default_pass_mark()) AND ol.lineage_id = l.lineage_id),
               EXISTS (SELECT 1 FROM attempt o
                         JOIN assignment_class oc ON oc.assignment_id = o.assignment_id AND oc.class_id = c.id
                         JOIN assignment oa ON oa.id = o.assignment_id JOIN lesson ol ON ol.id = oa.lesson_id
                        WHERE o.student_id = t.student_id AND o.id <> t.id AND o.status = 'submitted'
                          AND o.percent >= COALESCE(y.pass_mark, default_pass_mark()) AND ol.kind = l.kind)
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
      END $function$
