-- Whom a person writes to about their data (the funder's data protection officer, or its
-- service), told to every person at hand-out in the information notice (RGPD art. 13).
ALTER TABLE "funders" ADD COLUMN "privacy_contact" text;
--> statement-breakpoint
ALTER TABLE "funders" ADD CONSTRAINT "funders_privacy_contact"
  CHECK ("privacy_contact" IS NULL OR char_length("privacy_contact") BETWEEN 1 AND 300);
