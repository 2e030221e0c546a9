-- One person is one beneficiary per funder: names compared without case, accents, hyphens,
-- apostrophes or repeated spaces, with the birth date. The key is an expression of the
-- row itself, so whoever writes (the app, psql) cannot record the same person twice.
CREATE FUNCTION person_name_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
  SELECT btrim(regexp_replace(
    replace(replace(lower(regexp_replace(normalize(name, NFD), '[\u0300-\u036f]', '', 'g')), 'œ', 'oe'), 'æ', 'ae'),
    '[\s''’ʼ.\-‐‑–]+', ' ', 'g'))
$$;
--> statement-breakpoint
-- Rows recorded twice before this rule are kept (their booklets point at them) but marked
-- as duplicates of the first; only the first holds the identity.
ALTER TABLE "beneficiaries" ADD COLUMN "duplicate_of" uuid REFERENCES "beneficiaries"("id");
--> statement-breakpoint
UPDATE beneficiaries b SET duplicate_of = first.id
  FROM (
    SELECT id, first_value(id) OVER (
             PARTITION BY funder_id, person_name_key(last_name), person_name_key(first_name), birth_date
             ORDER BY created_at, id) AS first_id
      FROM beneficiaries
     WHERE first_name IS NOT NULL AND last_name IS NOT NULL AND birth_date IS NOT NULL
  ) d JOIN beneficiaries first ON first.id = d.first_id
 WHERE b.id = d.id AND d.first_id <> d.id;
--> statement-breakpoint
CREATE UNIQUE INDEX "beneficiaries_identity" ON "beneficiaries"
  ("funder_id", person_name_key("last_name"), person_name_key("first_name"), "birth_date")
  WHERE "duplicate_of" IS NULL;
--> statement-breakpoint
-- A funding recorded wrongly is cancelled by a reversal, never edited: at most one per funding.
CREATE TABLE "funding_reversals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"funding_id" uuid NOT NULL REFERENCES "fundings"("id"),
	"reason" text NOT NULL,
	"reversed_on" date NOT NULL,
	"deactivated_passes" integer NOT NULL,
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_reversals_funding" UNIQUE ("funding_id"),
	CONSTRAINT "funding_reversals_reason" CHECK (btrim("reason") <> ''),
	CONSTRAINT "funding_reversals_program" FOREIGN KEY ("funder_id", "program_id") REFERENCES "programs"("funder_id", "id")
);
--> statement-breakpoint
CREATE TRIGGER funding_reversals_append_only BEFORE UPDATE OR DELETE ON funding_reversals
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
-- A rectifying amendment names the amendment it supersedes; an amendment is rectified at most once.
ALTER TABLE "program_amendments" ADD COLUMN "rectifies_id" uuid REFERENCES "program_amendments"("id");
--> statement-breakpoint
CREATE UNIQUE INDEX "program_amendments_rectifies" ON "program_amendments" ("rectifies_id") WHERE "rectifies_id" IS NOT NULL;
