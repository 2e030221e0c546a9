-- The four-eyes rule binds a payment run as it stood when the run was prepared (issue 12,
-- point 3). It was read at approval only: the admin who prepared a run could turn the rule
-- off, approve alone, and turn it on again within a second. A run now records whether the rule
-- held at its preparation (the funder's setting on and two admins or more); turning the rule
-- off afterwards does not lift it from that run. Runs prepared before keep false: for them the
-- setting at approval decides, as it did.
ALTER TABLE "payment_runs" ADD COLUMN "four_eyes" boolean NOT NULL DEFAULT false;
--> statement-breakpoint
CREATE FUNCTION payment_run_four_eyes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.four_eyes IS DISTINCT FROM OLD.four_eyes THEN
    RAISE EXCEPTION 'payment run % is rewritten (four eyes)', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.four_eyes AND OLD.approved_by IS NULL AND NEW.approved_by = NEW.prepared_by THEN
    RAISE EXCEPTION 'payment run % was prepared under four eyes: its preparer does not approve it', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payment_runs_four_eyes BEFORE UPDATE ON payment_runs
  FOR EACH ROW EXECUTE FUNCTION payment_run_four_eyes();
