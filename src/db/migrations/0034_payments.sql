-- Paying the places, part two (issue 12, points 3 to 5; docs/architecture.md "Paying places:
-- payments"): payment runs grouping approved statements into one SEPA transfer per place and
-- programme, approved with four eyes, sent as a pain.001 file, reconciled with the bank's
-- statement (camt.053 or CSV).
--
-- Four eyes is on by default; a funder with a single admin is not held by it (core/payment-run.ts).
ALTER TABLE "funders" ADD COLUMN "four_eyes" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
CREATE TABLE "payment_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL REFERENCES "funders"("id"),
	"status" text DEFAULT 'prepared' NOT NULL,
	-- The funder's account in force when the run was prepared: the debtor of the file.
	"debtor_account_id" uuid NOT NULL REFERENCES "funder_bank_accounts"("id"),
	"message_id" text NOT NULL UNIQUE,
	"requested_execution_date" date NOT NULL,
	"total_cents" bigint NOT NULL,
	"transfer_count" integer NOT NULL,
	"prepared_by" uuid NOT NULL REFERENCES "users"("id"),
	"prepared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid REFERENCES "users"("id"),
	"approved_at" timestamp with time zone,
	"sent_by" uuid REFERENCES "users"("id"),
	"sent_at" timestamp with time zone,
	"cancelled_by" uuid REFERENCES "users"("id"),
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "payment_runs_status" CHECK (status IN ('prepared', 'approved', 'sent', 'cancelled')),
	CONSTRAINT "payment_runs_message_id" CHECK (length(message_id) BETWEEN 1 AND 35),
	CONSTRAINT "payment_runs_total" CHECK (total_cents > 0 AND transfer_count > 0),
	CONSTRAINT "payment_runs_approved" CHECK ((status IN ('approved', 'sent')) <= (approved_at IS NOT NULL)),
	CONSTRAINT "payment_runs_sent" CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
	CONSTRAINT "payment_runs_cancelled" CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "payment_runs_funder" ON "payment_runs" ("funder_id", "prepared_at" DESC);
--> statement-breakpoint
CREATE TABLE "payment_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL REFERENCES "payment_runs"("id"),
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"place_id" uuid NOT NULL REFERENCES "organisations"("id"),
	-- The place's account in force when the run was prepared: the creditor of the transfer.
	"place_account_id" bigint NOT NULL REFERENCES "place_bank_accounts"("id"),
	"amount_cents" bigint NOT NULL,
	"end_to_end_id" text NOT NULL UNIQUE,
	"remittance" text NOT NULL,
	"status" text DEFAULT 'prepared' NOT NULL,
	-- What the bank's statement showed (partial: another amount, accepted by a person).
	"paid_cents" bigint,
	"paid_on" date,
	CONSTRAINT "payment_transfers_program" FOREIGN KEY ("funder_id", "program_id") REFERENCES "programs"("funder_id", "id"),
	CONSTRAINT "payment_transfers_amount" CHECK (amount_cents > 0),
	CONSTRAINT "payment_transfers_end_to_end_id" CHECK (length(end_to_end_id) BETWEEN 1 AND 35),
	CONSTRAINT "payment_transfers_remittance" CHECK (length(remittance) BETWEEN 1 AND 140),
	CONSTRAINT "payment_transfers_status" CHECK (status IN ('prepared', 'sent', 'paid', 'partial', 'cancelled')),
	CONSTRAINT "payment_transfers_paid" CHECK ((status IN ('paid', 'partial')) = (paid_on IS NOT NULL AND paid_cents > 0)),
	CONSTRAINT "payment_transfers_one_per_place" UNIQUE ("run_id", "program_id", "place_id")
);
--> statement-breakpoint
CREATE INDEX "payment_transfers_place" ON "payment_transfers" ("place_id", "program_id");
--> statement-breakpoint
-- The statements a transfer pays. A statement is in one live transfer at most: the link dies
-- (live = false) only when the run is cancelled before sending.
CREATE TABLE "payment_transfer_statements" (
	"transfer_id" uuid NOT NULL REFERENCES "payment_transfers"("id"),
	"statement_id" uuid NOT NULL REFERENCES "statements"("id"),
	"live" boolean DEFAULT true NOT NULL,
	PRIMARY KEY ("transfer_id", "statement_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_transfer_statements_live" ON "payment_transfer_statements" ("statement_id") WHERE live;
--> statement-breakpoint
-- A bank statement imported for reconciliation, and each of its lines with what the matching
-- found and what a person decided for the partial and unmatched ones.
CREATE TABLE "bank_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL REFERENCES "funders"("id"),
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"imported_by" uuid NOT NULL REFERENCES "users"("id"),
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_imports_format" CHECK (format IN ('camt053', 'csv')),
	CONSTRAINT "bank_imports_file_name" CHECK (length(file_name) BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE INDEX "bank_imports_funder" ON "bank_imports" ("funder_id", "imported_at" DESC);
--> statement-breakpoint
CREATE TABLE "bank_import_lines" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"import_id" uuid NOT NULL REFERENCES "bank_imports"("id"),
	"line" integer NOT NULL,
	"end_to_end_id" text,
	"amount_cents" bigint NOT NULL,
	"debit" boolean NOT NULL,
	"booking_date" date,
	"label" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"transfer_id" uuid REFERENCES "payment_transfers"("id"),
	"decision" text,
	"decided_by" uuid REFERENCES "users"("id"),
	"decided_at" timestamp with time zone,
	CONSTRAINT "bank_import_lines_outcome" CHECK (outcome IN ('matched', 'partial', 'unmatched', 'ignored')),
	CONSTRAINT "bank_import_lines_transfer" CHECK ((outcome IN ('matched', 'partial')) = (transfer_id IS NOT NULL)),
	CONSTRAINT "bank_import_lines_decision" CHECK (
		decision IS NULL
		OR (outcome = 'partial' AND decision IN ('accept', 'reject'))
		OR (outcome = 'unmatched' AND decision = 'dismiss')
	),
	CONSTRAINT "bank_import_lines_decided" CHECK ((decision IS NULL) = (decided_at IS NULL))
);
--> statement-breakpoint
CREATE INDEX "bank_import_lines_import" ON "bank_import_lines" ("import_id", "id");
--> statement-breakpoint
-- The run and transfer state tables of core/payment-run.ts, enforced here too; what was
-- recorded (who prepared, approved, sent, the amounts, the accounts) is never rewritten.
CREATE FUNCTION payment_run_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payment runs are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
    (OLD.status = 'prepared' AND NEW.status IN ('approved', 'cancelled'))
    OR (OLD.status = 'approved' AND NEW.status IN ('sent', 'cancelled'))
  ) THEN
    RAISE EXCEPTION 'payment run % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.funder_id, NEW.debtor_account_id, NEW.message_id, NEW.total_cents, NEW.transfer_count,
      NEW.prepared_by, NEW.prepared_at)
     IS DISTINCT FROM (OLD.funder_id, OLD.debtor_account_id, OLD.message_id, OLD.total_cents,
      OLD.transfer_count, OLD.prepared_by, OLD.prepared_at)
     OR (OLD.approved_at IS NOT NULL AND (NEW.approved_at, NEW.approved_by) IS DISTINCT FROM (OLD.approved_at, OLD.approved_by))
     OR (OLD.sent_at IS NOT NULL AND (NEW.sent_at, NEW.sent_by) IS DISTINCT FROM (OLD.sent_at, OLD.sent_by)) THEN
    RAISE EXCEPTION 'payment run % is rewritten', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payment_runs_guard BEFORE UPDATE OR DELETE ON payment_runs
  FOR EACH ROW EXECUTE FUNCTION payment_run_guard();
--> statement-breakpoint
CREATE FUNCTION payment_transfer_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'payment transfers are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
    (OLD.status = 'prepared' AND NEW.status IN ('sent', 'cancelled'))
    OR (OLD.status = 'sent' AND NEW.status IN ('paid', 'partial'))
  ) THEN
    RAISE EXCEPTION 'payment transfer % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.run_id, NEW.funder_id, NEW.program_id, NEW.place_id, NEW.place_account_id, NEW.amount_cents,
      NEW.end_to_end_id, NEW.remittance)
     IS DISTINCT FROM (OLD.run_id, OLD.funder_id, OLD.program_id, OLD.place_id, OLD.place_account_id,
      OLD.amount_cents, OLD.end_to_end_id, OLD.remittance)
     OR (OLD.paid_on IS NOT NULL AND (NEW.paid_on, NEW.paid_cents) IS DISTINCT FROM (OLD.paid_on, OLD.paid_cents)) THEN
    RAISE EXCEPTION 'payment transfer % is rewritten', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payment_transfers_guard BEFORE UPDATE OR DELETE ON payment_transfers
  FOR EACH ROW EXECUTE FUNCTION payment_transfer_guard();
--> statement-breakpoint
-- A decision is taken once; the line as read from the bank's file is never rewritten.
CREATE FUNCTION bank_import_line_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.decision IS NOT NULL
     OR (NEW.import_id, NEW.line, NEW.end_to_end_id, NEW.amount_cents, NEW.debit, NEW.booking_date,
         NEW.label, NEW.outcome, NEW.reason, NEW.transfer_id)
        IS DISTINCT FROM (OLD.import_id, OLD.line, OLD.end_to_end_id, OLD.amount_cents, OLD.debit,
         OLD.booking_date, OLD.label, OLD.outcome, OLD.reason, OLD.transfer_id) THEN
    RAISE EXCEPTION 'bank statement line % is rewritten', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bank_import_lines_guard BEFORE UPDATE OR DELETE ON bank_import_lines
  FOR EACH ROW EXECUTE FUNCTION bank_import_line_guard();
--> statement-breakpoint
CREATE TRIGGER bank_imports_append_only BEFORE UPDATE OR DELETE ON bank_imports
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
