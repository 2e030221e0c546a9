-- Issue 11, point 4: what a funder asks of a place before qualifying it. Every table here is
-- append-only: a new questionnaire or charter is a new version, a new bank account a new
-- record (the latest is current), a new application a new row; the history is the record.
CREATE TABLE "funder_questionnaires" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"funder_id" uuid NOT NULL REFERENCES "funders"("id"),
	"version" integer NOT NULL,
	"pass_mark" integer NOT NULL CONSTRAINT "funder_questionnaires_pass_mark" CHECK (pass_mark >= 0),
	"questions" jsonb NOT NULL,
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funder_questionnaires_version" UNIQUE ("funder_id", "version")
);
--> statement-breakpoint
CREATE TRIGGER funder_questionnaires_append_only BEFORE UPDATE OR DELETE ON funder_questionnaires
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TABLE "funder_charters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"funder_id" uuid NOT NULL REFERENCES "funders"("id"),
	"version" integer NOT NULL,
	"body" text NOT NULL CONSTRAINT "funder_charters_body" CHECK (length(btrim(body)) > 0),
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funder_charters_version" UNIQUE ("funder_id", "version")
);
--> statement-breakpoint
CREATE TRIGGER funder_charters_append_only BEFORE UPDATE OR DELETE ON funder_charters
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TABLE "place_charter_acceptances" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"place_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"funder_id" uuid NOT NULL,
	"charter_id" bigint NOT NULL REFERENCES "funder_charters"("id"),
	"signatory" text NOT NULL CONSTRAINT "place_charter_acceptances_signatory" CHECK (length(btrim(signatory)) > 0),
	"accepted_on" date NOT NULL,
	"accepted_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_charter_acceptances_roster" FOREIGN KEY ("funder_id", "place_id") REFERENCES "funder_places"("funder_id", "place_id")
);
--> statement-breakpoint
CREATE INDEX "place_charter_acceptances_place" ON "place_charter_acceptances" ("place_id", "funder_id", "id");
--> statement-breakpoint
CREATE TRIGGER place_charter_acceptances_append_only BEFORE UPDATE OR DELETE ON place_charter_acceptances
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TABLE "place_bank_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"place_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"iban" text NOT NULL CONSTRAINT "place_bank_accounts_iban" CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
	"bic" text NOT NULL CONSTRAINT "place_bank_accounts_bic" CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
	"holder" text NOT NULL CONSTRAINT "place_bank_accounts_holder" CHECK (length(btrim(holder)) > 0),
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "place_bank_accounts_place" ON "place_bank_accounts" ("place_id", "id");
--> statement-breakpoint
CREATE TRIGGER place_bank_accounts_append_only BEFORE UPDATE OR DELETE ON place_bank_accounts
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TABLE "place_applications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"place_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"questionnaire_id" bigint NOT NULL REFERENCES "funder_questionnaires"("id"),
	"answers" jsonb NOT NULL,
	-- Computed by the server from the version answered; kept with its pass mark of the time.
	"score" integer NOT NULL,
	"max_score" integer NOT NULL,
	"pass_mark" integer NOT NULL,
	"submitted_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_applications_program" FOREIGN KEY ("funder_id", "program_id") REFERENCES "programs"("funder_id", "id"),
	CONSTRAINT "place_applications_roster" FOREIGN KEY ("funder_id", "place_id") REFERENCES "funder_places"("funder_id", "place_id")
);
--> statement-breakpoint
CREATE INDEX "place_applications_place" ON "place_applications" ("place_id", "program_id", "id");
--> statement-breakpoint
CREATE INDEX "place_applications_funder" ON "place_applications" ("funder_id", "id");
--> statement-breakpoint
CREATE TRIGGER place_applications_append_only BEFORE UPDATE OR DELETE ON place_applications
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
