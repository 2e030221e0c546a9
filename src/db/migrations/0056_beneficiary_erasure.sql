-- A beneficiary's personal data is erased on request (the right to erasure) or when the funder's
-- retention period has run out after the programmes the person took part in (DESIGN.md,
-- "Personal data"). Erasure empties the names and the birth date and keeps the row: its
-- pseudonym, commune and audience carry the statistics, and its booklets and redemptions stay
-- as they were recorded.
ALTER TABLE "funders" ADD COLUMN "beneficiary_retention_months" integer NOT NULL DEFAULT 24;
--> statement-breakpoint
ALTER TABLE "funders" ADD CONSTRAINT "funders_beneficiary_retention"
  CHECK ("beneficiary_retention_months" IN (6, 12, 24, 36, 60));
--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD COLUMN "erased_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_erased"
  CHECK ("erased_at" IS NULL OR ("first_name" IS NULL AND "last_name" IS NULL AND "birth_date" IS NULL));
--> statement-breakpoint
-- What a beneficiary's row may become: nothing but erased. Its identity is never rewritten (a
-- wrong spelling is a new hand-out's matter, not an edit), an erased row never changes again,
-- and no row is deleted, so that the statistics and the booklets' references survive.
CREATE FUNCTION beneficiaries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'beneficiary % is erased, never deleted', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.erased_at IS NOT NULL THEN
    RAISE EXCEPTION 'beneficiary % is erased: the row no longer changes', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.id, NEW.funder_id, NEW.pseudonym, NEW.commune_code, NEW.audience, NEW.created_by_organisation_id, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.funder_id, OLD.pseudonym, OLD.commune_code, OLD.audience, OLD.created_by_organisation_id, OLD.created_at)
     OR (OLD.duplicate_of IS NOT NULL AND NEW.duplicate_of IS DISTINCT FROM OLD.duplicate_of) THEN
    RAISE EXCEPTION 'beneficiary % is rewritten', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.erased_at IS NULL AND (NEW.first_name, NEW.last_name, NEW.birth_date)
       IS DISTINCT FROM (OLD.first_name, OLD.last_name, OLD.birth_date) THEN
    RAISE EXCEPTION 'beneficiary %: an identity is erased, never rewritten', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER beneficiaries_guard BEFORE UPDATE OR DELETE ON beneficiaries
  FOR EACH ROW EXECUTE FUNCTION beneficiaries_guard();
--> statement-breakpoint
-- A person's booklets, for the record a person may ask for and for the retention job.
CREATE INDEX "booklets_beneficiary" ON "booklets" ("beneficiary_id") WHERE "beneficiary_id" IS NOT NULL;
