CREATE OR REPLACE FUNCTION public.app_now()
 RETURNS timestamp with time zone
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
        SELECT now() + COALESCE(NULLIF(current_setting('tinhtao.clock_offset_ms', true), '')::bigint, 0) * interval '1 millisecond'
      $function$
