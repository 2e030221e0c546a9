-- Failed sign-ins are counted per account AND client address (issue 10.2): a stranger guessing
-- from one address locks the account from that address only, and the count starts again once
-- a lock has ended. The address is stored hashed: the table must tell sources apart, not name them.
CREATE TABLE "login_failures" (
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"source_hash" text NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "login_failures_pkey" PRIMARY KEY ("user_id", "source_hash"),
	CONSTRAINT "login_failures_positive" CHECK ("failures" > 0)
);
--> statement-breakpoint
-- The account-wide counter let anyone lock an agent out of every place: it is replaced.
ALTER TABLE "users" DROP COLUMN "failed_logins";
--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";
