-- A place stops taking a programme's passes of its own accord (an association closing, one that
-- no longer has a mediator): its admin records `left`, with a reason, as a new entry of its
-- history (place_qualifications stays append-only). The fold of 0024 treats it as a withdrawal
-- (its ELSE branch deletes the program_places row: the desk refuses program_not_accepted at
-- once), and place_standing_on (0092) reads it as no standing from its day on, so a session given
-- before is still recorded with its day and paid. The funder's admins are told by e-mail.
ALTER TABLE "place_qualifications" DROP CONSTRAINT "place_qualifications_decision";
--> statement-breakpoint
ALTER TABLE "place_qualifications" ADD CONSTRAINT "place_qualifications_decision"
  CHECK (decision IN ('approved', 'refused', 'suspended', 'reinstated', 'revoked', 'left'));
--> statement-breakpoint
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_template";
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_template" CHECK (template IN (
  'invitation', 'password_reset', 'statement_ready', 'statement_contested', 'statement_answered',
  'statement_approved', 'statement_paid', 'usage_end_reminder', 'safeguard_changed', 'transfer_returned',
  'place_registration', 'place_registration_account', 'unusual_days', 'access_changed',
  'place_account_changed', 'password_link_issued', 'qualification_decision', 'place_left_program'));
