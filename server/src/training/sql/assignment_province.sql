CREATE OR REPLACE FUNCTION public.assignment_province()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- A class assignment names its school; its province follows from it.
  IF NEW.province_id IS NULL THEN
    SELECT province_id INTO NEW.province_id FROM school WHERE id = NEW.school_id;
  END IF;
  RETURN NEW;
END $function$
