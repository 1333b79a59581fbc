CREATE OR REPLACE FUNCTION public.coverage_recount_required(p_province uuid, p_year text, p_school uuid DEFAULT NULL::uuid)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
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
      END $function$
