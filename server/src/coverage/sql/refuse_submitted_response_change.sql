CREATE OR REPLACE FUNCTION public.refuse_submitted_response_change()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF (SELECT status FROM attempt WHERE id = NEW.attempt_id) = 'submitted'
           AND (TG_OP = 'INSERT' OR NEW.response IS DISTINCT FROM OLD.response) THEN
          RAISE EXCEPTION 'attempt % is submitted and its responses cannot change', NEW.attempt_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $function$
