CREATE TABLE "beneficiaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL,
	"pseudonym" uuid DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text,
	"last_name" text,
	"birth_date" date,
	"commune_code" text NOT NULL,
	"audience" text NOT NULL,
	"created_by_organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_created_by_organisation_id_organisations_id_fk" FOREIGN KEY ("created_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "beneficiaries_funder_name" ON "beneficiaries" USING btree ("funder_id","last_name","first_name");