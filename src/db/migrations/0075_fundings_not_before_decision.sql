-- A funding belongs to its programme from the day its founding deliberation was decided
-- (finance/service.ts refuseBeforeDecision says it to the user, naming the day): money dated
-- before it was counted against a budget of nothing and activated passes. The database holds
-- the rule too, for every writer. The creation in force is the one no rectifying deliberation
-- superseded.
CREATE FUNCTION refuse_funding_before_decision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  decided date;
BEGIN
  SELECT min(a.decided_on) INTO decided
    FROM program_amendments a
   WHERE a.program_id = NEW.program_id AND a.kind = 'creation'
     AND NOT EXISTS (SELECT 1 FROM program_amendments r WHERE r.rectifies_id = a.id);
  IF decided IS NOT NULL AND NEW.received_on < decided THEN
    RAISE EXCEPTION 'funding received on % before its programme was decided on %', NEW.received_on, decided
      USING ERRCODE = 'check_violation', CONSTRAINT = 'fundings_not_before_decision';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER fundings_not_before_decision BEFORE INSERT ON fundings
  FOR EACH ROW EXECUTE FUNCTION refuse_funding_before_decision();
