-- Issue 13, point 7: what a place's software does with its API key, for the place's admin:
-- calls per day and the last refusals. Counted in memory by each server and added here every
-- few seconds (modules/places/usage.ts), so that a redemption does not wait on this write.
CREATE TABLE "api_key_usage" (
	"key_id" uuid NOT NULL REFERENCES "api_keys"("id"),
	"day" date NOT NULL,
	"calls" integer NOT NULL,
	"errors" integer NOT NULL,
	PRIMARY KEY ("key_id", "day"),
	CONSTRAINT "api_key_usage_counts" CHECK ("calls" >= 0 AND "errors" >= 0 AND "errors" <= "calls")
);
--> statement-breakpoint
-- The last refused calls of each key (the recorder keeps the latest 20 a key): when, which
-- operation, and the problem's status and code, which the place's developer looks up in the
-- OpenAPI document. Nothing of the request's content (codes of passes) is kept.
CREATE TABLE "api_key_errors" (
	"id" bigserial PRIMARY KEY,
	"key_id" uuid NOT NULL REFERENCES "api_keys"("id"),
	"at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"route" text NOT NULL,
	"status" integer NOT NULL,
	"code" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "api_key_errors_key" ON "api_key_errors" ("key_id", "at" DESC);
