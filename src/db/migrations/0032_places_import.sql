-- Issue 11, point 6: imports of places in the national standard, run as jobs that the funder's
-- page polls (progress, then the report line by line), and the SIRET lookup of places that an
-- import makes for every line (a place of the same SIRET is the same place).
CREATE TABLE "place_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL REFERENCES "funders"("id"),
	"created_by" uuid REFERENCES "users"("id"),
	"file_name" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"expected" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "place_imports_status" CHECK (status IN ('running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "place_imports_funder" ON "place_imports" ("funder_id", "created_at");
--> statement-breakpoint
CREATE INDEX "organisations_place_siret" ON "organisations" ("siret") WHERE kind = 'place' AND siret IS NOT NULL;
