-- A message that carries a one-time link is worth sending only while its link works: past
-- `send_before` (the link's expiry) it is withdrawn instead of sent. An SMTP server down for two
-- hours used to deliver reset links dead on arrival.
ALTER TABLE "notification_outbox" ADD COLUMN "send_before" timestamp with time zone;
--> statement-breakpoint
CREATE INDEX "notification_outbox_send_before" ON "notification_outbox" ("send_before")
  WHERE status IN ('queued', 'failed') AND send_before IS NOT NULL;
