-- A funder's own rule for the dashboard's « Journées inhabituelles » and their morning e-mail:
-- a place's day is shown when it redeemed at least `unusual_day_minimum` of a programme's
-- passes and more than `unusual_day_factor` times its usual number. The defaults are the rule
-- the platform applied to every funder before (20, three times); a funder whose places hold
-- collective workshops raises them, one with small places lowers them.
ALTER TABLE "funders" ADD COLUMN "unusual_day_minimum" integer DEFAULT 20 NOT NULL;
--> statement-breakpoint
ALTER TABLE "funders" ADD COLUMN "unusual_day_factor" integer DEFAULT 3 NOT NULL;
--> statement-breakpoint
ALTER TABLE "funders" ADD CONSTRAINT "funders_unusual_day_minimum" CHECK ("unusual_day_minimum" BETWEEN 5 AND 500);
--> statement-breakpoint
ALTER TABLE "funders" ADD CONSTRAINT "funders_unusual_day_factor" CHECK ("unusual_day_factor" IN (2, 3, 4, 5));
