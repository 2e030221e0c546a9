-- Money records are never rewritten: corrections are new movements.
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER fundings_append_only BEFORE UPDATE OR DELETE ON fundings
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
-- Each movement must balance; checked at commit so its postings can be inserted one by one.
CREATE FUNCTION check_movement_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT sum(amount_cents) FROM ledger_postings WHERE movement = NEW.movement) <> 0 THEN
    RAISE EXCEPTION 'ledger movement % does not balance', NEW.movement USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_movement_balanced();
--> statement-breakpoint
CREATE INDEX ledger_postings_movement ON ledger_postings (movement);
