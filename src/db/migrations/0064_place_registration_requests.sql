-- A place's registration waits for its admin's address to be confirmed (the link e-mailed to
-- it): until then no account and no place exist, so that nobody opens an account in another's
-- name and the form never tells whether an address has an account. Only the token's SHA-256 is
-- kept, and the password's hash, never the password. Expired requests are purged when a new one
-- is recorded: they hold a person's name and address and serve nothing once their link is dead.
CREATE TABLE "place_registration_requests" (
  "token_hash" text PRIMARY KEY,
  "email" text NOT NULL,
  "password_hash" text NOT NULL,
  "form" jsonb NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT now(),
  "expires_at" timestamptz NOT NULL,
  "used_at" timestamptz,
  CONSTRAINT "place_registration_requests_expiry" CHECK ("expires_at" > "created_at")
);
--> statement-breakpoint
CREATE INDEX "place_registration_requests_expires" ON "place_registration_requests" ("expires_at");
--> statement-breakpoint
-- The two messages of a registration: the link to confirm it, and to an address that has an
-- account already, a word that says so (the form answers both alike).
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_template";
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_template" CHECK (template IN (
  'invitation', 'password_reset', 'statement_ready', 'statement_contested', 'statement_answered',
  'statement_approved', 'statement_paid', 'usage_end_reminder', 'safeguard_changed', 'transfer_returned',
  'place_registration', 'place_registration_account'));
