-- The message to the owner of an account for whom an admin of her team prepared a password link,
-- to hand over in person (auth/members.ts): she learns it while the link still works.
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_template";
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_template" CHECK (template IN (
  'invitation', 'password_reset', 'statement_ready', 'statement_contested', 'statement_answered',
  'statement_approved', 'statement_paid', 'usage_end_reminder', 'safeguard_changed', 'transfer_returned',
  'place_registration', 'place_registration_account', 'unusual_days', 'access_changed',
  'place_account_changed', 'password_link_issued'));
