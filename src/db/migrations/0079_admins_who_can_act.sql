-- The rule of 0044 and 0045 counts the admins who can act: an account the platform's operator
-- disabled can no longer sign in, so it is not one of the admins a team keeps (nor the second
-- admin of the four-eyes rule, auth/members.ts and funders' adminCount). Ending such an
-- admin's membership takes nobody from the team and is not refused: under the four-eyes rule, a
-- funder whose other admin was disabled could not remove her, the rule waiting for someone who
-- could no longer sign in.
CREATE OR REPLACE FUNCTION check_membership_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_four_eyes boolean;
  v_admins integer;
  v_disabled boolean;
BEGIN
  IF OLD.ended_at IS NOT NULL
     OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.funder_id IS DISTINCT FROM OLD.funder_id
     OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
     OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'membership % may only be ended, once', OLD.id USING ERRCODE = 'P0001';
  END IF;
  IF NEW.ended_at IS NULL OR OLD.role NOT IN ('funder_admin', 'place_admin') THEN
    RETURN NEW;
  END IF;
  SELECT disabled_at IS NOT NULL INTO v_disabled FROM users WHERE id = OLD.user_id;
  IF v_disabled THEN
    RETURN NEW;
  END IF;
  IF OLD.role = 'funder_admin' THEN
    SELECT four_eyes INTO v_four_eyes FROM funders WHERE id = OLD.funder_id FOR UPDATE;
    SELECT count(DISTINCT m.user_id) INTO v_admins FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.funder_id = OLD.funder_id AND m.role = 'funder_admin' AND m.ended_at IS NULL
        AND u.disabled_at IS NULL;
    IF v_admins < (CASE WHEN v_four_eyes THEN 2 ELSE 1 END) THEN
      RAISE EXCEPTION 'funder % would have too few admins left', OLD.funder_id USING ERRCODE = 'P0001';
    END IF;
  ELSE
    PERFORM 1 FROM organisations WHERE id = OLD.organisation_id FOR UPDATE;
    PERFORM 1 FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.organisation_id = OLD.organisation_id AND m.role = 'place_admin' AND m.ended_at IS NULL
        AND u.disabled_at IS NULL;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'place % would have no admin left', OLD.organisation_id USING ERRCODE = 'P0001';
    END IF;
  END IF;
  RETURN NEW;
END $$;
