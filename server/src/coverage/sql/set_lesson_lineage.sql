CREATE OR REPLACE FUNCTION public.set_lesson_lineage()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        NEW.lineage_id := COALESCE((SELECT lineage_id FROM lesson WHERE id = NEW.revises_id), NEW.id);
        RETURN NEW;
      END $function$
