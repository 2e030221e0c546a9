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
-- Written once, by the step that makes the statement paid (0033's statements_update trigger
-- keeps the figures and the transitions; this one the paid date).
CREATE FUNCTION check_statement_paid_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (OLD.paid_on IS NULL AND OLD.status <> 'paid' AND NEW.status = 'paid') THEN
    RAISE EXCEPTION 'statement %: its paid date is written once, when it is paid', OLD.number
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER statements_paid_on BEFORE UPDATE ON statements
  FOR EACH ROW WHEN (NEW.paid_on IS DISTINCT FROM OLD.paid_on) EXECUTE FUNCTION check_statement_paid_on();
