CREATE TABLE "booklets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"envelope_id" uuid,
	"batch_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"size" integer NOT NULL,
	"status" text DEFAULT 'stock' NOT NULL,
	"holder_id" uuid,
	"beneficiary_id" uuid,
	"handed_out_on" date,
	"replaces_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booklets_serial_unique" UNIQUE("serial"),
	CONSTRAINT "booklets_status" CHECK ("booklets"."status" IN ('stock', 'allocated', 'handed_out', 'blocked')),
	CONSTRAINT "booklets_holder" CHECK (("booklets"."status" = 'allocated') = ("booklets"."holder_id" IS NOT NULL) OR "booklets"."status" <> 'allocated'),
	CONSTRAINT "booklets_handed_out" CHECK (("booklets"."status" = 'handed_out') <= ("booklets"."beneficiary_id" IS NOT NULL AND "booklets"."handed_out_on" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "issue_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"envelope_id" uuid,
	"booklet_size" integer NOT NULL,
	"booklet_count" integer NOT NULL,
	"issued_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "issue_batches_size" CHECK ("issue_batches"."booklet_size" IN (5, 10)),
	CONSTRAINT "issue_batches_count" CHECK ("issue_batches"."booklet_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "passes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "passes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"booklet_id" uuid NOT NULL,
	"code" text NOT NULL,
	"face_value_cents" integer NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"valid_from" date,
	"valid_until" date,
	"redeemed_at" timestamp with time zone,
	CONSTRAINT "passes_status" CHECK ("passes"."status" IN ('issued', 'active', 'redeemed', 'expired', 'cancelled')),
	CONSTRAINT "passes_face_value" CHECK ("passes"."face_value_cents" > 0),
	CONSTRAINT "passes_redeemed" CHECK (("passes"."status" = 'redeemed') = ("passes"."redeemed_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "booklets" ADD CONSTRAINT "booklets_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booklets" ADD CONSTRAINT "booklets_batch_id_issue_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."issue_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booklets" ADD CONSTRAINT "booklets_holder_id_organisations_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booklets" ADD CONSTRAINT "booklets_funder_id_program_id_programs_funder_id_id_fk" FOREIGN KEY ("funder_id","program_id") REFERENCES "public"."programs"("funder_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_batches" ADD CONSTRAINT "issue_batches_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_batches" ADD CONSTRAINT "issue_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_batches" ADD CONSTRAINT "issue_batches_funder_id_program_id_programs_funder_id_id_fk" FOREIGN KEY ("funder_id","program_id") REFERENCES "public"."programs"("funder_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passes" ADD CONSTRAINT "passes_booklet_id_booklets_id_fk" FOREIGN KEY ("booklet_id") REFERENCES "public"."booklets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booklets_program_status" ON "booklets" USING btree ("program_id","status");--> statement-breakpoint
CREATE INDEX "booklets_holder" ON "booklets" USING btree ("holder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "passes_code" ON "passes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "passes_booklet" ON "passes" USING btree ("booklet_id");--> statement-breakpoint
CREATE INDEX "passes_program_status" ON "passes" USING btree ("program_id","status");