-- A transfer the bank sent back after booking it (issue 12, point 5; docs/architecture.md,
-- "Paying places: payments"): a closed account, a wrong IBAN. The bank's statement shows it as
-- a credit carrying the transfer's end-to-end id. The transfer keeps what was paid and when
-- (facts of the bank's statement) and records the day and the reason it came back; its value
-- returns to what the place is owed (a ledger movement from 'paid' back to 'redeemed', checked
-- by 0043's trigger: never more than was paid), and the next run sends it again as a complement.
ALTER TABLE "payment_transfers" ADD COLUMN "returned_on" date;
--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD COLUMN "return_reason" text;
--> statement-breakpoint
ALTER TABLE "payment_transfers" DROP CONSTRAINT "payment_transfers_status";
--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD CONSTRAINT "payment_transfers_status"
  CHECK (status IN ('prepared', 'sent', 'paid', 'partial', 'returned', 'cancelled'));
--> statement-breakpoint
ALTER TABLE "payment_transfers" DROP CONSTRAINT "payment_transfers_paid";
--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD CONSTRAINT "payment_transfers_paid"
  CHECK ((status IN ('paid', 'partial', 'returned')) = (paid_on IS NOT NULL AND paid_cents > 0));
--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD CONSTRAINT "payment_transfers_returned" CHECK (
  (status = 'returned') = (returned_on IS NOT NULL)
  AND (return_reason IS NULL OR (status = 'returned' AND length(return_reason) BETWEEN 1 AND 35))
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION payment_transfer_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payment transfers are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
    (OLD.status = 'prepared' AND NEW.status IN ('sent', 'cancelled'))
    OR (OLD.status = 'sent' AND NEW.status IN ('paid', 'partial'))
    OR (OLD.status IN ('paid', 'partial') AND NEW.status = 'returned')
  ) THEN
    RAISE EXCEPTION 'payment transfer % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.run_id, NEW.funder_id, NEW.program_id, NEW.place_id, NEW.place_account_id, NEW.amount_cents,
      NEW.end_to_end_id, NEW.remittance)
     IS DISTINCT FROM (OLD.run_id, OLD.funder_id, OLD.program_id, OLD.place_id, OLD.place_account_id,
      OLD.amount_cents, OLD.end_to_end_id, OLD.remittance)
     OR (OLD.paid_on IS NOT NULL AND (NEW.paid_on, NEW.paid_cents) IS DISTINCT FROM (OLD.paid_on, OLD.paid_cents))
     OR (OLD.returned_on IS NOT NULL AND (NEW.returned_on, NEW.return_reason) IS DISTINCT FROM (OLD.returned_on, OLD.return_reason)) THEN
    RAISE EXCEPTION 'payment transfer % is rewritten', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
ALTER TABLE "bank_import_lines" DROP CONSTRAINT "bank_import_lines_outcome";
--> statement-breakpoint
ALTER TABLE "bank_import_lines" ADD CONSTRAINT "bank_import_lines_outcome"
  CHECK (outcome IN ('matched', 'partial', 'returned', 'unmatched', 'ignored'));
--> statement-breakpoint
ALTER TABLE "bank_import_lines" DROP CONSTRAINT "bank_import_lines_transfer";
--> statement-breakpoint
ALTER TABLE "bank_import_lines" ADD CONSTRAINT "bank_import_lines_transfer"
  CHECK ((outcome IN ('matched', 'partial', 'returned')) = (transfer_id IS NOT NULL));
--> statement-breakpoint
-- A statement whose payment came back is in payment again, until the complement pays it. The
-- old 'return' step (in payment back to approved) was never taken: a transfer the bank did not
-- book stays sent, and one it booked then sent back is paid again by a complement.
CREATE OR REPLACE FUNCTION statement_transition_allowed(p_from text, p_to text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT (p_from, p_to) IN (('issued', 'contested'), ('contested', 'issued'), ('issued', 'approved'),
                            ('approved', 'issued'), ('approved', 'in_payment'), ('in_payment', 'paid'),
                            ('paid', 'in_payment'))
$$;
--> statement-breakpoint
-- The paid date is written by the step that pays the statement, and cleared only by the one
-- that takes the payment back (its event keeps the history: statement_events).
CREATE OR REPLACE FUNCTION check_statement_paid_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (
    (OLD.paid_on IS NULL AND OLD.status <> 'paid' AND NEW.status = 'paid')
    OR (NEW.paid_on IS NULL AND OLD.status = 'paid' AND NEW.status = 'in_payment')
  ) THEN
    RAISE EXCEPTION 'statement %: its paid date is written once, when it is paid', OLD.number
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- The place is told its transfer came back, to check the bank details it gave.
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_template";
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_template" CHECK (template IN (
  'invitation', 'password_reset', 'statement_ready', 'statement_contested', 'statement_answered',
  'statement_approved', 'statement_paid', 'usage_end_reminder', 'safeguard_changed', 'transfer_returned'));
