-- Ending someone's access (a colleague who left, a volunteer gone): the membership is kept, with
-- when and by whom it ended, so that the journal's "who could do what, when" stays readable.
-- Only live memberships (ended_at IS NULL) grant anything; a person may be invited again.
-- A role change ends one membership and opens another: a membership never changes role.
ALTER TABLE "memberships" ADD COLUMN "ended_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "ended_by" uuid REFERENCES "users"("id");
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_unique";
--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_live_unique"
  ON "memberships" ("user_id", "role", "funder_id", "organisation_id") NULLS NOT DISTINCT
  WHERE "ended_at" IS NULL;
--> statement-breakpoint
-- An invitation sent to the wrong address, or no longer wanted, is withdrawn: its link stops
-- working, the row stays.
ALTER TABLE "invitations" ADD COLUMN "withdrawn_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_withdrawn_or_accepted"
  CHECK ("withdrawn_at" IS NULL OR "accepted_at" IS NULL);
--> statement-breakpoint
-- A membership's only change is its end, once; and a funder that has an admin keeps one (two
-- under the four-eyes rule, which needs a second admin to approve payments), so that nobody
-- locks a funder out of its own programmes: two admins removing each other at the same moment
-- included, since the funder's row is locked before counting.
CREATE FUNCTION check_membership_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_four_eyes boolean;
  v_admins integer;
BEGIN
  IF OLD.ended_at IS NOT NULL
     OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.funder_id IS DISTINCT FROM OLD.funder_id
     OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
     OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'membership % may only be ended, once', OLD.id USING ERRCODE = 'P0001';
  END IF;
  IF OLD.role = 'funder_admin' AND NEW.ended_at IS NOT NULL THEN
    SELECT four_eyes INTO v_four_eyes FROM funders WHERE id = OLD.funder_id FOR UPDATE;
    SELECT count(DISTINCT user_id) INTO v_admins FROM memberships
      WHERE funder_id = OLD.funder_id AND role = 'funder_admin' AND ended_at IS NULL;
    IF v_admins < (CASE WHEN v_four_eyes THEN 2 ELSE 1 END) THEN
      RAISE EXCEPTION 'funder % would have too few admins left', OLD.funder_id USING ERRCODE = 'P0001';
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_change AFTER UPDATE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION check_membership_change();
--> statement-breakpoint
CREATE FUNCTION refuse_membership_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'memberships are ended, never deleted' USING ERRCODE = 'P0001';
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_no_delete BEFORE DELETE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION refuse_membership_delete();
