CREATE OR REPLACE FUNCTION public.class_level(grade smallint)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT CASE WHEN grade <= 9 THEN 'THCS' ELSE 'THPT' END $function$
