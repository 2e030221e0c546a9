-- The journal's integrity check runs in the background, one run shared by everyone and every
-- instance: the page starts it (or joins the one running) and polls its progress, where the
-- request used to reread the whole chain itself and outlast a proxy's timeout on millions of
-- entries. A run's row moves only while it runs (its progress, its heartbeat, then its
-- outcome once); a run whose heartbeat stops (its instance died) is read as interrupted.
CREATE TABLE "audit_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_by" uuid REFERENCES "users"("id"),
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_entries" bigint DEFAULT 0 NOT NULL,
	"total_entries" bigint NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"broken_at_entry" bigint,
	"reason" text,
	"pending_entries" integer,
	"seal_seq" bigint REFERENCES "audit_seals"("seq"),
	CONSTRAINT "audit_checks_outcome" CHECK (outcome IN ('intact', 'broken', 'failed')),
	CONSTRAINT "audit_checks_finished" CHECK ((finished_at IS NULL) = (outcome IS NULL)),
	CONSTRAINT "audit_checks_broken" CHECK ((outcome = 'broken') = (broken_at_entry IS NOT NULL))
);
--> statement-breakpoint
-- One run at a time for the whole platform, whichever instance starts it.
CREATE UNIQUE INDEX "audit_checks_one_running" ON "audit_checks" ((true)) WHERE finished_at IS NULL;
--> statement-breakpoint
CREATE INDEX "audit_checks_finished_at" ON "audit_checks" ("finished_at") WHERE finished_at IS NOT NULL;
--> statement-breakpoint
CREATE FUNCTION audit_check_progress_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.finished_at IS NOT NULL
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.started_at IS DISTINCT FROM OLD.started_at
     OR NEW.started_by IS DISTINCT FROM OLD.started_by
     OR NEW.total_entries IS DISTINCT FROM OLD.total_entries THEN
    RAISE EXCEPTION 'audit check % may only move while it runs', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_checks_progress_only BEFORE UPDATE ON "audit_checks"
  FOR EACH ROW EXECUTE FUNCTION audit_check_progress_only();
--> statement-breakpoint
CREATE TRIGGER audit_checks_append_only BEFORE DELETE ON "audit_checks"
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER audit_checks_no_truncate BEFORE TRUNCATE ON "audit_checks"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
