-- A place's admin keeps its team (auth/members.ts): invites its volunteers and colleagues, and
-- ends the access of one who left. A place belongs to no funder: the invitations its admin
-- sends have none either.
ALTER TABLE "invitations" ALTER COLUMN "funder_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_scope" CHECK (
  funder_id IS NOT NULL OR (role IN ('place_agent', 'place_admin') AND organisation_id IS NOT NULL)
);
--> statement-breakpoint
-- The rule of 0044, and its like for places: a place that has an admin keeps one, so that its
-- keys, bank account and team always have someone to answer for them (its row locked first,
-- like the funder's).
CREATE OR REPLACE FUNCTION check_membership_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF OLD.role = 'place_admin' AND NEW.ended_at IS NOT NULL THEN
    PERFORM 1 FROM organisations WHERE id = OLD.organisation_id FOR UPDATE;
    PERFORM 1 FROM memberships
      WHERE organisation_id = OLD.organisation_id AND role = 'place_admin' AND ended_at IS NULL;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'place % would have no admin left', OLD.organisation_id USING ERRCODE = 'P0001';
    END IF;
  END IF;
  RETURN NEW;
END $$;
