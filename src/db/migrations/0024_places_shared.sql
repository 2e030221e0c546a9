-- Issue 11, point 3: a place of digital mediation is one organisation of the platform, shared
-- by the funders that qualify it, each for its own programmes. Places no longer belong to a
-- funder: the funders that work with a place are its roster (funder_places); its standing for a
-- programme (approved, suspended) is folded from the funder's decisions (place_qualifications,
-- append-only) into program_places, which redemption reads.
CREATE TABLE "funder_places" (
	"funder_id" uuid NOT NULL REFERENCES "funders"("id"),
	"place_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funder_places_pk" PRIMARY KEY ("funder_id", "place_id")
);
--> statement-breakpoint
CREATE INDEX "funder_places_place" ON "funder_places" ("place_id");
--> statement-breakpoint
INSERT INTO funder_places (funder_id, place_id, since)
SELECT funder_id, id, created_at FROM organisations WHERE kind = 'place';
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_scope";
--> statement-breakpoint
UPDATE memberships SET funder_id = NULL WHERE role IN ('place_agent', 'place_admin');
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_scope" CHECK (
  (role = 'platform_admin' AND funder_id IS NULL AND organisation_id IS NULL)
  OR (role IN ('funder_admin', 'funder_viewer') AND funder_id IS NOT NULL AND organisation_id IS NULL)
  OR (role = 'prescriber_agent' AND funder_id IS NOT NULL AND organisation_id IS NOT NULL)
  OR (role IN ('place_agent', 'place_admin') AND funder_id IS NULL AND organisation_id IS NOT NULL)
  OR (role = 'beneficiary' AND funder_id IS NOT NULL));
--> statement-breakpoint
ALTER TABLE "organisations" ALTER COLUMN "funder_id" DROP NOT NULL;
--> statement-breakpoint
UPDATE organisations SET funder_id = NULL WHERE kind = 'place';
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_funder_scope"
  CHECK ((kind = 'prescriber') = (funder_id IS NOT NULL));
--> statement-breakpoint
ALTER TABLE "api_keys" DROP COLUMN "funder_id";
--> statement-breakpoint
CREATE TABLE "place_qualifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"place_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"decision" text NOT NULL,
	"reason" text,
	"effective_on" date NOT NULL,
	"decided_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_qualifications_program" FOREIGN KEY ("funder_id", "program_id") REFERENCES "programs"("funder_id", "id"),
	CONSTRAINT "place_qualifications_roster" FOREIGN KEY ("funder_id", "place_id") REFERENCES "funder_places"("funder_id", "place_id"),
	CONSTRAINT "place_qualifications_decision" CHECK (decision IN ('approved', 'refused', 'suspended', 'reinstated', 'revoked')),
	-- Everything but an approval says why: the place reads it on its page.
	CONSTRAINT "place_qualifications_reason" CHECK (decision = 'approved' OR length(btrim(reason)) > 0)
);
--> statement-breakpoint
CREATE INDEX "place_qualifications_place" ON "place_qualifications" ("place_id", "id");
--> statement-breakpoint
CREATE INDEX "place_qualifications_program" ON "place_qualifications" ("program_id", "place_id", "id");
--> statement-breakpoint
CREATE TRIGGER place_qualifications_append_only BEFORE UPDATE OR DELETE ON place_qualifications
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
-- Today's acceptances become the first decision of each place's history.
INSERT INTO place_qualifications (funder_id, program_id, place_id, decision, effective_on, created_at)
SELECT funder_id, program_id, place_id, 'approved', accepted_on, created_at FROM program_places;
--> statement-breakpoint
ALTER TABLE "program_places" ADD COLUMN "standing" text DEFAULT 'approved' NOT NULL
  CONSTRAINT "program_places_standing" CHECK (standing IN ('approved', 'suspended'));
--> statement-breakpoint
-- program_places is now derived: the current standing of each place for each programme,
-- kept by this trigger from the decisions, read by redemption in one index lookup.
CREATE FUNCTION place_qualification_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.decision IN ('approved', 'reinstated') THEN
    INSERT INTO program_places (funder_id, program_id, place_id, accepted_on, standing)
    VALUES (NEW.funder_id, NEW.program_id, NEW.place_id, NEW.effective_on, 'approved')
    ON CONFLICT (program_id, place_id) DO UPDATE SET standing = 'approved';
  ELSIF NEW.decision = 'suspended' THEN
    UPDATE program_places SET standing = 'suspended'
     WHERE program_id = NEW.program_id AND place_id = NEW.place_id;
  ELSE
    DELETE FROM program_places WHERE program_id = NEW.program_id AND place_id = NEW.place_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER place_qualifications_fold AFTER INSERT ON place_qualifications
  FOR EACH ROW EXECUTE FUNCTION place_qualification_recorded();
--> statement-breakpoint
DROP FUNCTION pass_redeemability(text, date, date, text, boolean, boolean, date);
--> statement-breakpoint
-- p_place_standing is the place's standing for the programme (program_places.standing, NULL
-- when the programme does not take the place), passed as a subquery by the callers. It is read
-- once (a simple CASE): a parameter read twice with a subquery for argument would stop the
-- planner from inlining this function into the conditional update.
CREATE FUNCTION pass_redeemability(
  p_pass_status text, p_valid_from date, p_valid_until date, p_booklet_status text,
  p_place_standing text, p_program_open boolean, p_today date
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(
         CASE p_place_standing
           WHEN 'approved' THEN NULL
           -- Suspended by this programme's funder: told as such, the place knows it was qualified.
           WHEN 'suspended' THEN 'place_suspended'
           ELSE 'program_not_accepted'
         END,
         CASE
           WHEN p_pass_status = 'redeemed' THEN 'already_redeemed'
           WHEN p_booklet_status = 'blocked' OR p_pass_status = 'cancelled' THEN 'blocked'
           WHEN p_pass_status = 'expired' THEN 'expired'
           WHEN p_booklet_status IS DISTINCT FROM 'handed_out'
             OR p_pass_status IS DISTINCT FROM 'active' THEN 'not_handed_out'
           WHEN p_valid_from IS NULL OR p_today < p_valid_from THEN 'not_yet_valid'
           WHEN p_valid_until IS NULL OR p_today > p_valid_until THEN 'expired'
           -- The programme's own status as of p_today (not yet open, suspended, usage closed,
           -- closed by an amendment or by its closure date): last, so that it is read only for
           -- a pass that would otherwise be redeemed.
           WHEN p_program_open IS NOT TRUE THEN 'program_closed'
           ELSE 'redeemable'
         END)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pass_status(p_place uuid, p_code text, p_today date)
RETURNS TABLE (status text, pass_id bigint, funder_id uuid, program_id uuid, face_value_cents integer,
               valid_from date, valid_until date, redeemed_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT pass_redeemability(ps.status, ps.valid_from, ps.valid_until, b.status,
           (SELECT pp.standing FROM program_places pp
                     WHERE pp.program_id = ps.program_id AND pp.place_id = p_place),
           program_allows(ps.program_id, p_today, 'redeem'), p_today),
         ps.id, ps.funder_id, ps.program_id, ps.face_value_cents, ps.valid_from, ps.valid_until, ps.redeemed_at
    FROM passes ps
    JOIN booklets b ON b.id = ps.booklet_id
   WHERE ps.code = p_code
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION redeem_pass(
  p_place uuid, p_code text, p_nonce text, p_theme text, p_minutes integer, p_format text,
  p_user uuid, p_key uuid, p_actor_label text, p_at timestamptz, p_today date, p_proof text
) RETURNS TABLE (outcome text, redemption_id bigint, program_id uuid, face_value_cents integer,
                 redeemed_at timestamptz, theme text, duration_minutes integer, format text,
                 cancelled_at timestamptz, code text)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
  r redemptions%ROWTYPE;
  v_pass record;
  v_movement uuid;
BEGIN
  SELECT * INTO r FROM redemptions x WHERE x.place_id = p_place AND x.nonce = p_nonce;
  IF NOT FOUND THEN
    UPDATE passes ps SET status = 'redeemed', redeemed_at = p_at
      FROM booklets b
     WHERE ps.code = p_code AND b.id = ps.booklet_id
       AND pass_redeemability(ps.status, ps.valid_from, ps.valid_until, b.status,
             (SELECT pp.standing FROM program_places pp
                     WHERE pp.program_id = ps.program_id AND pp.place_id = p_place),
             program_allows(ps.program_id, p_today, 'redeem'), p_today) = 'redeemable'
    RETURNING ps.id, ps.funder_id, ps.program_id, ps.face_value_cents INTO v_pass;
    IF NOT FOUND THEN
      SELECT * INTO r FROM redemptions x WHERE x.place_id = p_place AND x.nonce = p_nonce;
      IF NOT FOUND THEN
        RETURN QUERY SELECT s.status, NULL::bigint, s.program_id, s.face_value_cents, s.redeemed_at,
                            NULL::text, NULL::integer, NULL::text, NULL::timestamptz, p_code
                       FROM pass_status(p_place, p_code, p_today) s;
        RETURN;
      END IF;
    ELSE
      INSERT INTO redemptions AS x (funder_id, program_id, pass_id, place_id, nonce, theme,
                                    duration_minutes, format, face_value_cents, redeemed_at,
                                    actor_user_id, api_key_id)
      VALUES (v_pass.funder_id, v_pass.program_id, v_pass.id, p_place, p_nonce, p_theme,
              p_minutes, p_format, v_pass.face_value_cents, p_at, p_user, p_key)
      ON CONFLICT DO NOTHING
      RETURNING * INTO r;
      IF NOT FOUND THEN
        -- The same nonce was used at the same moment for another code: let the caller retry,
        -- which then meets the first redemption.
        RAISE EXCEPTION 'nonce % used concurrently', p_nonce USING ERRCODE = '40001';
      END IF;
      v_movement := gen_random_uuid();
      PERFORM ledger_post(ARRAY[v_pass.funder_id, v_pass.funder_id], ARRAY[v_pass.program_id, v_pass.program_id],
                          ARRAY[v_movement, v_movement], ARRAY['redeemed', 'outstanding'],
                          ARRAY[v_pass.face_value_cents, -v_pass.face_value_cents]::bigint[], ARRAY[p_at, p_at]);
      PERFORM audit_append(ARRAY[p_at], ARRAY[p_user], ARRAY[p_actor_label], ARRAY[v_pass.funder_id],
                           ARRAY['pass.redeem'], ARRAY['pass'], ARRAY[v_pass.id::text],
                           ARRAY[jsonb_build_object('placeId', p_place, 'redemptionId', r.id, 'apiKeyId', p_key,
                                                    'faceValueCents', v_pass.face_value_cents, 'theme', p_theme,
                                                    'durationMinutes', p_minutes, 'format', p_format)],
                           ARRAY[p_proof]);
      RETURN QUERY SELECT 'redeemed', r.id, r.program_id, r.face_value_cents, r.redeemed_at, r.theme,
                          r.duration_minutes, r.format, r.cancelled_at, p_code;
      RETURN;
    END IF;
  END IF;
  RETURN QUERY SELECT nonce_outcome(ps.code, r.theme, r.duration_minutes, r.format, p_code, p_theme, p_minutes, p_format),
                      r.id, r.program_id, r.face_value_cents, r.redeemed_at, r.theme,
                      r.duration_minutes, r.format, r.cancelled_at, ps.code
                 FROM passes ps WHERE ps.id = r.pass_id;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION redeem_passes(
  p_place uuid[], p_code text[], p_nonce text[], p_theme text[], p_minutes integer[], p_format text[],
  p_user uuid[], p_key uuid[], p_label text[], p_at timestamptz[], p_today date[], p_proof text[]
) RETURNS TABLE (item integer, outcome text, redemption_id bigint, program_id uuid, face_value_cents integer,
                 redeemed_at timestamptz, theme text, duration_minutes integer, format text,
                 cancelled_at timestamptz, code text)
LANGUAGE plpgsql
-- One plan per connection: planning these statements costs more than running them.
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
  v_answers redemption_answer[];
BEGIN
  WITH input AS (
    SELECT i.*, i.ord::integer AS item
      FROM unnest(p_place, p_code, p_nonce, p_theme, p_minutes, p_format, p_user, p_key, p_at, p_today)
           WITH ORDINALITY AS i(place_id, code, nonce, theme, minutes, format, user_id, key_id, at, today, ord)
  ),
  prior AS (
    SELECT i.item, r.*, ps.code AS first_code,
           nonce_outcome(ps.code, r.theme, r.duration_minutes, r.format,
                         i.code, i.theme, i.minutes, i.format) AS outcome
      FROM input i
      JOIN redemptions r ON r.place_id = i.place_id AND r.nonce = i.nonce
      JOIN passes ps ON ps.id = r.pass_id
  ),
  -- The programmes' status as of the day, once per programme of the batch. MATERIALIZED: a
  -- CTE read once is otherwise inlined into the correlated subquery below, which then asked
  -- program_allows once per pass instead of once per programme.
  open_programs AS MATERIALIZED (
    SELECT p.program_id, p.today, program_allows(p.program_id, p.today, 'redeem') AS open
      FROM (SELECT DISTINCT ps.program_id, i.today FROM input i JOIN passes ps ON ps.code = i.code) p
  ),
  taken AS (
    UPDATE passes ps SET status = 'redeemed', redeemed_at = i.at
      FROM input i, booklets b
     WHERE ps.code = i.code
       AND NOT EXISTS (SELECT 1 FROM prior WHERE prior.item = i.item)
       AND b.id = ps.booklet_id
       AND pass_redeemability(ps.status, ps.valid_from, ps.valid_until, b.status,
             (SELECT pp.standing FROM program_places pp
                     WHERE pp.program_id = ps.program_id AND pp.place_id = i.place_id),
             (SELECT o.open FROM open_programs o WHERE o.program_id = ps.program_id AND o.today = i.today),
             i.today) = 'redeemable'
    RETURNING i.item, ps.id AS pass_id, ps.funder_id, ps.program_id, ps.face_value_cents, ps.code,
              i.place_id, i.nonce, i.theme, i.minutes, i.format, i.user_id, i.key_id, i.at
  ),
  made AS (
    INSERT INTO redemptions (funder_id, program_id, pass_id, place_id, nonce, theme, duration_minutes,
                             format, face_value_cents, redeemed_at, actor_user_id, api_key_id)
    SELECT t.funder_id, t.program_id, t.pass_id, t.place_id, t.nonce, t.theme, t.minutes, t.format,
           t.face_value_cents, t.at, t.user_id, t.key_id
      FROM taken t ORDER BY t.item
    RETURNING redemptions.id, redemptions.pass_id
  )
  SELECT array_agg(a.answer) INTO v_answers FROM (
    SELECT ROW(p.item, p.outcome, p.id, p.program_id, p.face_value_cents, p.redeemed_at, p.theme,
               p.duration_minutes, p.format, p.cancelled_at, p.first_code, p.funder_id,
               p.pass_id)::redemption_answer AS answer
      FROM prior p
    UNION ALL
    SELECT ROW(t.item, 'redeemed', m.id, t.program_id, t.face_value_cents, t.at, t.theme, t.minutes,
               t.format, NULL, t.code, t.funder_id, t.pass_id)::redemption_answer
      FROM made m JOIN taken t ON t.pass_id = m.pass_id
  ) a;

  -- Each redemption moves its value from outstanding to redeemed, one movement per pass, and
  -- is journalled; HAVING leaves both calls out when the batch redeemed nothing.
  PERFORM ledger_post(array_agg(a.funder_id), array_agg(a.program_id), array_agg(a.movement),
                      array_agg(l.account), array_agg(l.sign * a.face_value_cents::bigint),
                      array_agg(a.redeemed_at))
     FROM (SELECT r.*, gen_random_uuid() AS movement
             FROM unnest(v_answers) r WHERE r.outcome = 'redeemed') a
    CROSS JOIN (VALUES ('redeemed', 1), ('outstanding', -1)) l(account, sign)
   HAVING count(*) > 0;
  PERFORM audit_append(
            array_agg(a.redeemed_at), array_agg(p_user[a.item]), array_agg(p_label[a.item]),
            array_agg(a.funder_id), array_agg('pass.redeem'::text), array_agg('pass'::text),
            array_agg(a.pass_id::text),
            array_agg(jsonb_build_object('placeId', p_place[a.item], 'redemptionId', a.redemption_id,
                                         'apiKeyId', p_key[a.item], 'faceValueCents', a.face_value_cents,
                                         'theme', a.theme, 'durationMinutes', a.duration_minutes,
                                         'format', a.format)),
            array_agg(p_proof[a.item]))
     FROM unnest(v_answers) a WHERE a.outcome = 'redeemed'
   HAVING count(*) > 0;

  RETURN QUERY
  SELECT a.item, a.outcome, a.redemption_id, a.program_id, a.face_value_cents, a.redeemed_at, a.theme,
         a.duration_minutes, a.format, a.cancelled_at, a.code
    FROM unnest(v_answers) a;
END;
$$;
--> statement-breakpoint
-- A place's public description, in the fields of the national standard of places of digital
-- mediation (schéma des lieux de médiation numérique): what the directory shows, the export
-- publishes and the import fills. Description, not money: kept current, each change audited.
CREATE TABLE "place_profiles" (
	"place_id" uuid PRIMARY KEY REFERENCES "organisations"("id"),
	"address" text NOT NULL,
	"address_complement" text,
	"postcode" text NOT NULL CONSTRAINT "place_profiles_postcode" CHECK (postcode ~ '^[0-9]{5}$'),
	"latitude" double precision CONSTRAINT "place_profiles_latitude" CHECK (latitude BETWEEN -90 AND 90),
	"longitude" double precision CONSTRAINT "place_profiles_longitude" CHECK (longitude BETWEEN -180 AND 180),
	"opening_hours" text,
	"services" text[] DEFAULT '{}' NOT NULL,
	"publics" text[] DEFAULT '{}' NOT NULL,
	"specific_support" text[] DEFAULT '{}' NOT NULL,
	"access_modes" text[] DEFAULT '{}' NOT NULL,
	"support_modes" text[] DEFAULT '{}' NOT NULL,
	"fees" text[] DEFAULT '{}' NOT NULL,
	"phone" text,
	"emails" text[] DEFAULT '{}' NOT NULL,
	"website" text,
	"booking_url" text,
	"accessibility_url" text,
	"summary" text,
	"description" text,
	"source" text,
	"external_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_profiles_coordinates" CHECK ((latitude IS NULL) = (longitude IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "place_profiles_external_id" ON "place_profiles" ("source", "external_id")
  WHERE external_id IS NOT NULL;
