-- A SEPA file the bank refused whole (issue 12; docs/architecture.md "Paying places:
-- payments"): its rejection report (pain.002) turns down the file for a wrong format, a blocked
-- debtor account, a missed cut-off, and the bank books none of its transfers. A funder admin
-- records it, with the bank's reason: the run becomes `rejected` (final), its transfers
-- `rejected`, and its statements go into the next run. Nothing is taken back from the ledger:
-- a place is paid in the ledger only when the bank's statement shows its transfer, so a run
-- with no transfer booked has moved nothing. Hence the database refuses the rejection of a run
-- one of whose transfers was booked (paid, partial or returned), and the payment of a transfer
-- whose run was rejected.
--
-- And the day the file asked the bank to execute the transfers, recorded when it is generated
-- (first download): the run's requested day, or the next bank business day when that day had
-- passed (core/payment-run.ts executionDateAtSending). Runs sent before asked for their own.
ALTER TABLE "payment_runs" ADD COLUMN "sent_execution_date" date;
--> statement-breakpoint
UPDATE "payment_runs" SET "sent_execution_date" = "requested_execution_date" WHERE "sent_at" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "payment_runs" ADD COLUMN "rejected_by" uuid REFERENCES "users"("id");
--> statement-breakpoint
ALTER TABLE "payment_runs" ADD COLUMN "rejected_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "payment_runs" ADD COLUMN "rejection_reason" text;
--> statement-breakpoint
ALTER TABLE "payment_runs" DROP CONSTRAINT "payment_runs_status";
--> statement-breakpoint
ALTER TABLE "payment_runs" ADD CONSTRAINT "payment_runs_status"
  CHECK (status IN ('prepared', 'approved', 'sent', 'cancelled', 'rejected'));
--> statement-breakpoint
ALTER TABLE "payment_runs" DROP CONSTRAINT "payment_runs_approved";
--> statement-breakpoint
ALTER TABLE "payment_runs" ADD CONSTRAINT "payment_runs_approved"
  CHECK ((status IN ('approved', 'sent', 'rejected')) <= (approved_at IS NOT NULL));
--> statement-breakpoint
-- A rejected run was sent: it keeps who sent it, when, and the day its file asked for.
ALTER TABLE "payment_runs" DROP CONSTRAINT "payment_runs_sent";
--> statement-breakpoint
ALTER TABLE "payment_runs" ADD CONSTRAINT "payment_runs_sent" CHECK (
  (status IN ('sent', 'rejected')) = (sent_at IS NOT NULL)
  AND (sent_at IS NULL) = (sent_execution_date IS NULL)
);
--> statement-breakpoint
ALTER TABLE "payment_runs" ADD CONSTRAINT "payment_runs_rejected" CHECK (
  (status = 'rejected') = (rejected_at IS NOT NULL)
  AND (status = 'rejected') = (rejected_by IS NOT NULL)
  AND (status = 'rejected') = (rejection_reason IS NOT NULL)
  AND (rejection_reason IS NULL OR length(btrim(rejection_reason)) BETWEEN 1 AND 500)
);
--> statement-breakpoint
ALTER TABLE "payment_transfers" DROP CONSTRAINT "payment_transfers_status";
--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD CONSTRAINT "payment_transfers_status"
  CHECK (status IN ('prepared', 'sent', 'paid', 'partial', 'returned', 'cancelled', 'rejected'));
--> statement-breakpoint
-- 0034's guard of the runs, with the rejection: from sent only, while every transfer of the
-- run is still awaiting the bank (its rows locked, so that no payment lands meanwhile). The
-- requested day, the day sent and the rejection, once written, are never rewritten.
CREATE OR REPLACE FUNCTION payment_run_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_booked text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payment runs are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
    (OLD.status = 'prepared' AND NEW.status IN ('approved', 'cancelled'))
    OR (OLD.status = 'approved' AND NEW.status IN ('sent', 'cancelled'))
    OR (OLD.status = 'sent' AND NEW.status = 'rejected')
  ) THEN
    RAISE EXCEPTION 'payment run % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'sent' AND NEW.status = 'rejected' THEN
    PERFORM 1 FROM payment_transfers WHERE run_id = OLD.id FOR UPDATE;
    SELECT string_agg(end_to_end_id || ' (' || status || ')', ', ' ORDER BY end_to_end_id) INTO v_booked
      FROM payment_transfers WHERE run_id = OLD.id AND status <> 'sent';
    IF v_booked IS NOT NULL THEN
      RAISE EXCEPTION 'payment run % cannot be rejected: the bank booked its transfers %', OLD.id, v_booked
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF (NEW.funder_id, NEW.debtor_account_id, NEW.message_id, NEW.requested_execution_date, NEW.total_cents,
      NEW.transfer_count, NEW.prepared_by, NEW.prepared_at)
     IS DISTINCT FROM (OLD.funder_id, OLD.debtor_account_id, OLD.message_id, OLD.requested_execution_date,
      OLD.total_cents, OLD.transfer_count, OLD.prepared_by, OLD.prepared_at)
     OR (OLD.approved_at IS NOT NULL AND (NEW.approved_at, NEW.approved_by) IS DISTINCT FROM (OLD.approved_at, OLD.approved_by))
     OR (OLD.sent_at IS NOT NULL AND (NEW.sent_at, NEW.sent_by, NEW.sent_execution_date)
         IS DISTINCT FROM (OLD.sent_at, OLD.sent_by, OLD.sent_execution_date))
     OR (OLD.cancelled_at IS NOT NULL AND (NEW.cancelled_at, NEW.cancelled_by) IS DISTINCT FROM (OLD.cancelled_at, OLD.cancelled_by))
     OR (OLD.rejected_at IS NOT NULL AND (NEW.rejected_at, NEW.rejected_by, NEW.rejection_reason)
         IS DISTINCT FROM (OLD.rejected_at, OLD.rejected_by, OLD.rejection_reason)) THEN
    RAISE EXCEPTION 'payment run % is rewritten', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- 0048's guard of the transfers, with the rejection: a sent transfer is rejected with its run,
-- and only then; a transfer of a rejected run is never paid.
CREATE OR REPLACE FUNCTION payment_transfer_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payment transfers are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
    (OLD.status = 'prepared' AND NEW.status IN ('sent', 'cancelled'))
    OR (OLD.status = 'sent' AND NEW.status IN ('paid', 'partial', 'rejected'))
    OR (OLD.status IN ('paid', 'partial') AND NEW.status = 'returned')
  ) THEN
    RAISE EXCEPTION 'payment transfer % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'sent' AND NEW.status IS DISTINCT FROM OLD.status
     AND (NEW.status = 'rejected') IS DISTINCT FROM
         EXISTS (SELECT 1 FROM payment_runs r WHERE r.id = OLD.run_id AND r.status = 'rejected') THEN
    RAISE EXCEPTION 'payment transfer % is rejected only with its run, and never paid once it is', OLD.id
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
-- 0051's check of a write-off, a statement freed by a rejected run counted with those issued:
-- it is payable again (in payment still, as approved and sent once, but in no live transfer).
CREATE OR REPLACE FUNCTION check_write_off() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_root record;
  v_rest bigint;
BEGIN
  SELECT id, program_id, place_id INTO v_root FROM payment_transfers
   WHERE id = NEW.transfer_id AND complement_of IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'a write-off is made on the first transfer of its chain' USING ERRCODE = 'check_violation';
  END IF;
  IF place_pending_adjustments(v_root.program_id, v_root.place_id) > 0 THEN
    RAISE EXCEPTION 'write-off while cancellations of place % wait for their statement', v_root.place_id
      USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (
    SELECT 1 FROM statements s
     WHERE s.program_id = v_root.program_id AND s.place_id = v_root.place_id
       AND s.status IN ('issued', 'in_payment') AND s.total_cents < 0
       AND NOT EXISTS (SELECT 1 FROM payment_transfer_statements l WHERE l.statement_id = s.id AND l.live)
  ) THEN
    RAISE EXCEPTION 'write-off leaving a statement below zero of place % aside', v_root.place_id
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT (SELECT coalesce(sum(s.total_cents), 0) FROM payment_transfers x
            JOIN payment_transfer_statements l ON l.transfer_id = x.id AND l.live
            JOIN statements s ON s.id = l.statement_id
           WHERE x.id = v_root.id OR x.complement_of = v_root.id)
       - (SELECT coalesce(sum(x.paid_cents), 0) FROM payment_transfers x
           WHERE (x.id = v_root.id OR x.complement_of = v_root.id) AND x.status IN ('paid', 'partial'))
    INTO v_rest;
  IF NEW.amount_cents > v_rest THEN
    RAISE EXCEPTION 'write-off of % beyond the rest of the chain (%)', NEW.amount_cents, v_rest
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
