-- A safeguard of the money changed (the four-eyes rule, a bank account): every admin of the
-- funder or the place is told by e-mail, so the outbox takes this template too.
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_template";
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_template" CHECK (template IN (
  'invitation', 'password_reset', 'statement_ready', 'statement_contested', 'statement_answered',
  'statement_approved', 'statement_paid', 'usage_end_reminder', 'safeguard_changed'));
