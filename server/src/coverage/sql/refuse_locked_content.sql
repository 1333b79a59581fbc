CREATE OR REPLACE FUNCTION public.refuse_locked_content()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF OLD.locked_at IS NOT NULL THEN
          RAISE EXCEPTION '% % is published and cannot change', TG_TABLE_NAME, OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $function$
