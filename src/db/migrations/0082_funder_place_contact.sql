-- Whom a funder's places write to about their statements and payments (an e-mail address, a
-- phone number if any): the place's statements page gives it, and the sentence telling a place
-- to write about an approved statement names it. Only a contact for personal data existed, which
-- is a person's right, not a place's question; the e-mails say not to reply.
ALTER TABLE "funders" ADD COLUMN "place_contact_email" text;
--> statement-breakpoint
ALTER TABLE "funders" ADD COLUMN "place_contact_phone" text;
--> statement-breakpoint
ALTER TABLE "funders" ADD CONSTRAINT "funders_place_contact_email" CHECK ("place_contact_email" IS NULL OR char_length("place_contact_email") BETWEEN 3 AND 254);
--> statement-breakpoint
ALTER TABLE "funders" ADD CONSTRAINT "funders_place_contact_phone" CHECK ("place_contact_phone" IS NULL OR ("place_contact_email" IS NOT NULL AND char_length("place_contact_phone") BETWEEN 6 AND 30));
