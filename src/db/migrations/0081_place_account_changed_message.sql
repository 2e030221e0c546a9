-- The message to a funder's admins: a place changed its bank account while a run of the funder,
-- not sent yet, holds a transfer to its former one.
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_template";
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_template" CHECK (template IN (
  'invitation', 'password_reset', 'statement_ready', 'statement_contested', 'statement_answered',
  'statement_approved', 'statement_paid', 'usage_end_reminder', 'safeguard_changed', 'transfer_returned',
  'place_registration', 'place_registration_account', 'unusual_days', 'access_changed',
  'place_account_changed'));
