CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"label" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_prefix_unique" UNIQUE("prefix"),
	CONSTRAINT "api_keys_label" CHECK (length("api_keys"."label") > 0)
);
--> statement-breakpoint
CREATE TABLE "program_places" (
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"accepted_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_places_program_id_place_id_pk" PRIMARY KEY("program_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "redemptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"pass_id" bigint NOT NULL,
	"place_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"theme" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"format" text NOT NULL,
	"face_value_cents" integer NOT NULL,
	"redeemed_at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"api_key_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	CONSTRAINT "redemptions_format" CHECK ("redemptions"."format" IN ('individual', 'collective')),
	CONSTRAINT "redemptions_duration" CHECK ("redemptions"."duration_minutes" BETWEEN 15 AND 480)
);
--> statement-breakpoint
ALTER TABLE "audit_entries" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entries" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "writer_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
-- Entries written before the sealer existed were chained in id order: that is their place in the chain.
ALTER TABLE "audit_entries" DISABLE TRIGGER "audit_entries_append_only";--> statement-breakpoint
UPDATE "audit_entries" SET "chain_seq" = "id";--> statement-breakpoint
ALTER TABLE "audit_entries" ENABLE TRIGGER "audit_entries_append_only";--> statement-breakpoint
ALTER TABLE "booklets" ADD COLUMN "block_reason" text;--> statement-breakpoint
ALTER TABLE "booklets" ADD COLUMN "blocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_place_id_organisations_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_places" ADD CONSTRAINT "program_places_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_places" ADD CONSTRAINT "program_places_place_id_organisations_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_pass_id_passes_id_fk" FOREIGN KEY ("pass_id") REFERENCES "public"."passes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_place_id_organisations_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_place" ON "api_keys" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "program_places_place" ON "program_places" USING btree ("place_id");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_place_nonce" ON "redemptions" USING btree ("place_id","nonce");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_live_pass" ON "redemptions" USING btree ("pass_id") WHERE "redemptions"."cancelled_at" IS NULL;--> statement-breakpoint
CREATE INDEX "redemptions_program_month" ON "redemptions" USING btree ("program_id","redeemed_at");--> statement-breakpoint
CREATE INDEX "redemptions_place" ON "redemptions" USING btree ("place_id","id");--> statement-breakpoint
CREATE INDEX "audit_entries_unsealed" ON "audit_entries" USING btree ("id") WHERE "audit_entries"."chain_seq" IS NULL;--> statement-breakpoint
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_chain_seq_unique" UNIQUE("chain_seq");--> statement-breakpoint
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_sealed" CHECK (("audit_entries"."chain_seq" IS NULL) = ("audit_entries"."hash" IS NULL) AND ("audit_entries"."hash" IS NULL) = ("audit_entries"."prev_hash" IS NULL));--> statement-breakpoint
ALTER TABLE "booklets" ADD CONSTRAINT "booklets_blocked" CHECK (("booklets"."status" = 'blocked') = ("booklets"."blocked_at" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "booklets" ADD CONSTRAINT "booklets_block_reason" CHECK ("booklets"."block_reason" IN ('lost', 'stolen'));