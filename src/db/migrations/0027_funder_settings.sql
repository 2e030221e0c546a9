-- A funder's bank account (issue 11, point 1), for the payments of issue 12. A change is a
-- new version, never an edit: the current account is the latest row, and the earlier ones
-- say which account was in force when a transfer left.
CREATE TABLE "funder_bank_accounts" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "funder_id" uuid NOT NULL REFERENCES "funders"("id"),
  "iban" text NOT NULL,
  "bic" text NOT NULL,
  "holder" text NOT NULL,
  "recorded_by" uuid REFERENCES "users"("id"),
  "recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "funder_bank_accounts_iban" CHECK ("iban" ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}$'),
  CONSTRAINT "funder_bank_accounts_bic" CHECK ("bic" ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  CONSTRAINT "funder_bank_accounts_holder" CHECK (length("holder") BETWEEN 2 AND 70)
);
--> statement-breakpoint
CREATE INDEX "funder_bank_accounts_current" ON "funder_bank_accounts" ("funder_id", "recorded_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE TRIGGER funder_bank_accounts_append_only BEFORE UPDATE OR DELETE ON funder_bank_accounts
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
