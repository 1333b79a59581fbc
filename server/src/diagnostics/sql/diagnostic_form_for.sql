CREATE OR REPLACE FUNCTION public.diagnostic_form_for(p_diagnostic uuid, p_phase text, p_student uuid)
 RETURNS character
 LANGUAGE sql
 STABLE
AS $function$
        SELECT CASE WHEN p_phase = 'pre' THEN f WHEN f = 'A' THEN 'B' ELSE 'A' END
          FROM (SELECT COALESCE(
                  (SELECT pre_form FROM diagnostic_student WHERE diagnostic_id = p_diagnostic AND student_id = p_student),
                  CASE WHEN hashtext(p_diagnostic::text || p_student::text) & 1 = 0 THEN 'A' ELSE 'B' END) AS f) x
      $function$
