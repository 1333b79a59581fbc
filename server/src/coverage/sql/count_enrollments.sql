CREATE OR REPLACE FUNCTION public.count_enrollments()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
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
      END $function$
