-- A place's final statement (statements.issueFinal): a place that stopped taking a programme's
-- passes (suspended or withdrawn by the funder) is stated on demand, up to the moment of issue,
-- instead of waiting for the next monthly run; its treasurer closes her accounts. It is a
-- statement like the others (same numbers, lines, document, e-mail), under the month of its
-- issue, whose period runs from the first of that month to its day of issue: `final` says so,
-- for its document and the lists, and is one of the figures never rewritten.
ALTER TABLE "statements" ADD COLUMN "final" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION check_statement_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.funder_id, NEW.program_id, NEW.place_id, NEW.number, NEW.sequence, NEW.month,
      NEW.redemptions_count, NEW.value_cents, NEW.adjustments_count, NEW.adjustments_cents,
      NEW.total_cents, NEW.created_at, NEW.final)
     IS DISTINCT FROM
     (OLD.id, OLD.funder_id, OLD.program_id, OLD.place_id, OLD.number, OLD.sequence, OLD.month,
      OLD.redemptions_count, OLD.value_cents, OLD.adjustments_count, OLD.adjustments_cents,
      OLD.total_cents, OLD.created_at, OLD.final) THEN
    RAISE EXCEPTION 'a statement''s figures are never rewritten' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT statement_transition_allowed(OLD.status, NEW.status) THEN
    RAISE EXCEPTION 'statement % cannot go from % to %', OLD.number, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
