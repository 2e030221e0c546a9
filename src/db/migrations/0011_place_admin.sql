ALTER TABLE "memberships" DROP CONSTRAINT "memberships_scope";--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_scope" CHECK (("memberships"."role" = 'platform_admin' AND "memberships"."funder_id" IS NULL AND "memberships"."organisation_id" IS NULL)
       OR ("memberships"."role" IN ('funder_admin', 'funder_viewer') AND "memberships"."funder_id" IS NOT NULL AND "memberships"."organisation_id" IS NULL)
       OR ("memberships"."role" IN ('prescriber_agent', 'place_agent', 'place_admin') AND "memberships"."funder_id" IS NOT NULL AND "memberships"."organisation_id" IS NOT NULL)
       OR ("memberships"."role" = 'beneficiary' AND "memberships"."funder_id" IS NOT NULL));