-- A message whose one-time link stopped working before it left (an invitation withdrawn, invited
-- again, or withdrawn with the account that sent it; a password reset link spent) is
-- `withdrawn`: never sent, its link erased. Before, it stayed queued and its recipient later got
-- a link that no longer worked.
ALTER TABLE "notification_outbox" DROP CONSTRAINT "notification_outbox_status";
--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_status"
  CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'withdrawn'));
--> statement-breakpoint
-- Withdrawn is final: no sender claims it and no « Renvoyer » queues it again.
CREATE FUNCTION outbox_withdrawn_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'withdrawn' AND NEW.status <> 'withdrawn' THEN
    RAISE EXCEPTION 'message % was withdrawn: it is never sent', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER notification_outbox_withdrawn_final BEFORE UPDATE OF status ON "notification_outbox"
  FOR EACH ROW EXECUTE FUNCTION outbox_withdrawn_final();
