-- A hand-out to a person new under the spelling typed compares the names of the funder's
-- beneficiaries born the same day (beneficiaries/eligibility.ts refuseCloseSpelling): found by
-- this index, not by a scan of all the funder's beneficiaries.
CREATE INDEX "beneficiaries_funder_birth" ON "beneficiaries" ("funder_id", "birth_date") WHERE "duplicate_of" IS NULL;
