CREATE OR REPLACE FUNCTION public.refuse_locked_lesson_items()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE target uuid := CASE TG_OP WHEN 'DELETE' THEN OLD.lesson_id ELSE NEW.lesson_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM lesson WHERE id = target AND locked_at IS NOT NULL) THEN
          RAISE EXCEPTION 'lesson % is published and its items cannot change', target USING ERRCODE = 'check_violation';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
      END $function$
