CREATE OR REPLACE FUNCTION public.refuse_published_version_edit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        -- A published version may only be superseded; a superseded one never changes.
        IF OLD.status = 'superseded' OR (OLD.status = 'published' AND (NEW.status <> 'superseded'
            OR (NEW.title, NEW.note, NEW.version, NEW.published_at, NEW.published_by) IS DISTINCT FROM (OLD.title, OLD.note, OLD.version, OLD.published_at, OLD.published_by))) THEN
          RAISE EXCEPTION 'curriculum version % is published and cannot change', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $function$
