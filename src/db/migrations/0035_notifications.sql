-- Issue 12, point 7: e-mail through a durable outbox. A message is written in the same
-- transaction as the change that causes it, and a background job sends it (SMTP) later:
-- queued → sending (claimed under a lease, in its own committed transaction) → sent, or back to
-- queued with a later next_attempt_at after a refusal, or failed after the last attempt.
-- last_error holds an error code only (never an address, a body or a secret).
CREATE TABLE "notification_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid REFERENCES "funders"("id"),
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text UNIQUE,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claim_token" uuid,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notification_outbox_status" CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
	CONSTRAINT "notification_outbox_template" CHECK (template IN ('invitation', 'password_reset',
		'statement_ready', 'statement_contested', 'statement_answered', 'statement_approved',
		'statement_paid', 'usage_end_reminder')),
	CONSTRAINT "notification_outbox_attempts" CHECK (attempts >= 0),
	CONSTRAINT "notification_outbox_sent" CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
	CONSTRAINT "notification_outbox_lease" CHECK (status <> 'sending' OR (claim_token IS NOT NULL AND lease_until IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "notification_outbox_due" ON "notification_outbox" ("next_attempt_at") WHERE status = 'queued';
--> statement-breakpoint
CREATE INDEX "notification_outbox_leased" ON "notification_outbox" ("lease_until") WHERE status = 'sending';
--> statement-breakpoint
CREATE INDEX "notification_outbox_created" ON "notification_outbox" ("created_at");
--> statement-breakpoint
-- Password reset by e-mail: the link's token is random, only its SHA-256 is kept; single use, 1 h.
CREATE TABLE "password_resets" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "password_resets_user" ON "password_resets" ("user_id");
