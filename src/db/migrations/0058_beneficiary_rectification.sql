-- A person's identity mistyped at the desk is rectified (RGPD art. 16), by the funder's admins
-- only, through the service that says so for its transaction (SET LOCAL
-- passnum.rectifying = 'on'): any other rewrite of names or birth date stays refused, and an
-- erased row still never changes. Erasing then typing the person anew would have split their
-- history and given them a second allowance.
CREATE OR REPLACE FUNCTION beneficiaries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'beneficiary % is erased, never deleted', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.erased_at IS NOT NULL THEN
    RAISE EXCEPTION 'beneficiary % is erased: the row no longer changes', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.id, NEW.funder_id, NEW.pseudonym, NEW.commune_code, NEW.audience, NEW.created_by_organisation_id, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.funder_id, OLD.pseudonym, OLD.commune_code, OLD.audience, OLD.created_by_organisation_id, OLD.created_at)
     OR (OLD.duplicate_of IS NOT NULL AND NEW.duplicate_of IS DISTINCT FROM OLD.duplicate_of) THEN
    RAISE EXCEPTION 'beneficiary % is rewritten', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.erased_at IS NULL AND (NEW.first_name, NEW.last_name, NEW.birth_date)
       IS DISTINCT FROM (OLD.first_name, OLD.last_name, OLD.birth_date)
     AND (coalesce(current_setting('passnum.rectifying', true), '') <> 'on'
          OR NEW.first_name IS NULL OR NEW.last_name IS NULL OR NEW.birth_date IS NULL) THEN
    RAISE EXCEPTION 'beneficiary %: an identity is erased or rectified, never rewritten', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
