CREATE OR REPLACE FUNCTION public.refuse_published_curriculum_lessons()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE target uuid := CASE TG_OP WHEN 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM curriculum_version WHERE id = target AND status <> 'draft') THEN
          RAISE EXCEPTION 'curriculum version % is published and its lessons cannot change', target USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $function$
