-- Passes never handed out carried over to a following programme (issue 12, point 8;
-- docs/architecture.md "Carry-over"). The funder's decision is a list of entries, the latest
-- one in force (a withdrawal is an entry with no target); the move itself is one row per
-- programme, naming its booklets, with the ledger's two movements: 'carried_out' in the old
-- programme, 'carried_in' in the new one, each balanced within its programme.
ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_account";
--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_account" CHECK (
  account IN ('unactivated', 'outstanding', 'redeemed', 'paid', 'expired', 'cancelled', 'carried_out', 'carried_in')
  OR account ~ '^payer:\S'
);
--> statement-breakpoint
CREATE TABLE "carry_over_decisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY NOT NULL,
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"target_program_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carry_over_decisions_program" FOREIGN KEY ("funder_id", "program_id") REFERENCES "programs"("funder_id", "id"),
	CONSTRAINT "carry_over_decisions_target" FOREIGN KEY ("funder_id", "target_program_id") REFERENCES "programs"("funder_id", "id"),
	CONSTRAINT "carry_over_decisions_user" FOREIGN KEY ("decided_by") REFERENCES "users"("id"),
	CONSTRAINT "carry_over_decisions_not_itself" CHECK ("target_program_id" IS DISTINCT FROM "program_id")
);
--> statement-breakpoint
CREATE INDEX "carry_over_decisions_program" ON "carry_over_decisions" ("program_id", "id");
--> statement-breakpoint
CREATE TRIGGER carry_over_decisions_append_only BEFORE UPDATE OR DELETE ON carry_over_decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TABLE "carry_overs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL,
	"from_program_id" uuid NOT NULL,
	"to_program_id" uuid NOT NULL,
	"carried_on" date NOT NULL,
	"booklet_ids" uuid[] NOT NULL,
	"passes" integer NOT NULL,
	"active_passes" integer NOT NULL,
	"value_cents" bigint NOT NULL,
	"refusal" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carry_overs_from" FOREIGN KEY ("funder_id", "from_program_id") REFERENCES "programs"("funder_id", "id"),
	CONSTRAINT "carry_overs_to" FOREIGN KEY ("funder_id", "to_program_id") REFERENCES "programs"("funder_id", "id"),
	CONSTRAINT "carry_overs_counts" CHECK ("passes" >= 0 AND "active_passes" BETWEEN 0 AND "passes" AND "value_cents" >= 0),
	-- A carry-over the target could no longer take at the step: its passes were cancelled instead.
	CONSTRAINT "carry_overs_refusal" CHECK ("refusal" IS NULL OR cardinality("booklet_ids") = 0),
	CONSTRAINT "carry_overs_not_itself" CHECK ("to_program_id" <> "from_program_id")
);
--> statement-breakpoint
-- A programme's passes move (or the move is refused) once: its end step runs once.
CREATE UNIQUE INDEX "carry_overs_from" ON "carry_overs" ("from_program_id");
--> statement-breakpoint
CREATE INDEX "carry_overs_to" ON "carry_overs" ("to_program_id");
--> statement-breakpoint
CREATE TRIGGER carry_overs_append_only BEFORE UPDATE OR DELETE ON carry_overs
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
