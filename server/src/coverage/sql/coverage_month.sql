CREATE OR REPLACE FUNCTION public.coverage_month(at timestamp with time zone)
 RETURNS date
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT date_trunc('month', at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $function$
