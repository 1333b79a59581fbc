-- The pass mark of a year the province has not set (DEFAULT_PROVINCE_YEAR.passMark in shared; a test holds them equal).
CREATE OR REPLACE FUNCTION public.default_pass_mark()
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT 50::numeric $function$
