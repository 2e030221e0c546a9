-- The message to each admin of a place when a funder decides on its qualification for one of its
-- programmes (places.decide): approved, refused, suspended, reinstated, withdrawn, with the reason.
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_template";
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_template" CHECK (template IN (
  'invitation', 'password_reset', 'statement_ready', 'statement_contested', 'statement_answered',
  'statement_approved', 'statement_paid', 'usage_end_reminder', 'safeguard_changed', 'transfer_returned',
  'place_registration', 'place_registration_account', 'unusual_days', 'access_changed',
  'place_account_changed', 'password_link_issued', 'qualification_decision'));
