CREATE OR REPLACE FUNCTION public.coverage_required(p_province uuid, p_year text)
 RETURNS TABLE(level text, kind text, lineage_id uuid)
 LANGUAGE sql
 STABLE
AS $function$
        SELECT DISTINCT c.level, c.kind, l.lineage_id
        FROM curriculum c
        JOIN curriculum_version v ON v.curriculum_id = c.id AND v.status = 'published'
        JOIN curriculum_lesson cl ON cl.version_id = v.id AND cl.required
        JOIN lesson l ON l.id = cl.lesson_id
        WHERE c.province_id = p_province AND c.school_year = p_year
      $function$
