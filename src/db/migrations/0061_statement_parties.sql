-- A statement is a document: it names the funder and the place as they were when it was issued,
-- with their SIRET, so that a later rename or a new SIRET never changes a statement already
-- sent, paid and filed. Statements issued before this migration take the names and SIRETs of
-- the day it runs (the earlier names were not kept on them).
ALTER TABLE "statements" ADD COLUMN "funder_name" text;
--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "funder_siret" text;
--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "place_name" text;
--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "place_siret" text;
--> statement-breakpoint
UPDATE "statements" s SET "funder_name" = f."name", "funder_siret" = f."siret", "place_name" = o."name", "place_siret" = o."siret"
  FROM "funders" f, "organisations" o
 WHERE f."id" = s."funder_id" AND o."id" = s."place_id";
--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "funder_name" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "funder_siret" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "statements" ALTER COLUMN "place_name" SET NOT NULL;
