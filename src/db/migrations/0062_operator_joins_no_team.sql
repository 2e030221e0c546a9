-- The platform's operator creates funders and reads across them to support them: its account
-- joins no team (a funder's, a prescriber's, a place's), so that it never runs a programme,
-- takes the printer's file or approves a payment as a funder's second admin; and an account of
-- a team does not become the operator. The user's row is locked first: two seats given to one
-- account at once are decided one after the other.
CREATE FUNCTION memberships_operator_apart() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.ended_at IS NOT NULL THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM users WHERE id = NEW.user_id FOR UPDATE;
  IF EXISTS (
    SELECT 1 FROM memberships m
     WHERE m.user_id = NEW.user_id AND m.ended_at IS NULL AND m.id IS DISTINCT FROM NEW.id
       AND (m.role = 'platform_admin') <> (NEW.role = 'platform_admin')
  ) THEN
    RAISE EXCEPTION 'a platform operator''s account joins no team, and a team''s account is no platform operator'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_operator_apart BEFORE INSERT OR UPDATE OF role, ended_at, user_id ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_operator_apart();
