-- The statements module owns its table (docs/architecture.md, "Paying places: payments"):
-- the day a statement was paid (the bank's booking date of the transfer that paid it) is
-- written by the statement's own `pay` step, so that statements read it from their own row
-- instead of asking the payments module, which depends on them.
ALTER TABLE "statements" ADD COLUMN "paid_on" date;
--> statement-breakpoint
-- Statements paid before this migration: the booking date their payments recorded.
UPDATE "statements" s SET "paid_on" = t."paid_on"
  FROM "payment_transfer_statements" l JOIN "payment_transfers" t ON t."id" = l."transfer_id"
 WHERE l."statement_id" = s."id" AND l."live" AND t."paid_on" IS NOT NULL AND s."status" = 'paid';
--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_paid_on" CHECK ("paid_on" IS NULL OR "status" = 'paid');
--> statement-breakpoint
-- As 0033, plus: the paid date is written once, by the step that makes the statement paid.
CREATE OR REPLACE FUNCTION check_statement_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.funder_id, NEW.program_id, NEW.place_id, NEW.number, NEW.sequence, NEW.month,
      NEW.redemptions_count, NEW.value_cents, NEW.adjustments_count, NEW.adjustments_cents,
      NEW.total_cents, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.funder_id, OLD.program_id, OLD.place_id, OLD.number, OLD.sequence, OLD.month,
      OLD.redemptions_count, OLD.value_cents, OLD.adjustments_count, OLD.adjustments_cents,
      OLD.total_cents, OLD.created_at) THEN
    RAISE EXCEPTION 'a statement''s figures are never rewritten' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT statement_transition_allowed(OLD.status, NEW.status) THEN
    RAISE EXCEPTION 'statement % cannot go from % to %', OLD.number, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.paid_on IS DISTINCT FROM OLD.paid_on AND NOT (OLD.paid_on IS NULL AND OLD.status <> 'paid' AND NEW.status = 'paid') THEN
    RAISE EXCEPTION 'statement %: its paid date is written once, when it is paid', OLD.number
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
