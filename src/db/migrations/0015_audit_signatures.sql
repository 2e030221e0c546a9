-- The audit trail against someone with database access (docs/architecture.md, "Audit").
--
-- Writer proofs: every entry carries a MAC computed by the application with a key the
-- database never holds (derived from AUDIT_SIGNING_KEY_FILE); an entry inserted by hand has
-- none, and `audit verify` names it. Entries written before this migration have none either:
-- the epoch-0 row records where proofs begin.
ALTER TABLE "audit_entries" ADD COLUMN "proof" text;
--> statement-breakpoint
-- Epochs: transaction ids start again on a new server (a restore), so a seal's range of
-- writing transactions is read within its epoch, a range of entry ids opened at the restore.
CREATE TABLE "audit_epochs" (
	"epoch" integer PRIMARY KEY NOT NULL,
	"first_entry_id" bigint NOT NULL,
	"proofs_from" bigint NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
INSERT INTO audit_epochs (epoch, first_entry_id, proofs_from, reason)
SELECT 0, 0, coalesce(max(id), 0) + 1, 'origin' FROM audit_entries;
--> statement-breakpoint
CREATE TRIGGER audit_epochs_append_only BEFORE UPDATE OR DELETE ON audit_epochs
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER audit_epochs_no_truncate BEFORE TRUNCATE ON audit_epochs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
-- Seals are signed (Ed25519) by the sealer; older seals stay unsigned, vouched for by the
-- first signed seal, which continues their chain.
ALTER TABLE "audit_seals" ADD COLUMN "epoch" integer DEFAULT 0 NOT NULL REFERENCES audit_epochs(epoch);
--> statement-breakpoint
ALTER TABLE "audit_seals" ALTER COLUMN "epoch" DROP DEFAULT;
--> statement-breakpoint
ALTER TABLE "audit_seals" ADD COLUMN "key_id" text;
--> statement-breakpoint
ALTER TABLE "audit_seals" ADD COLUMN "signature" text;
--> statement-breakpoint
-- The redemption functions store the writer proof the application computed for each item.
DROP FUNCTION redeem_pass(uuid, text, text, text, integer, text, uuid, uuid, text, timestamptz, date);
--> statement-breakpoint
CREATE FUNCTION redeem_pass(
  p_place uuid, p_code text, p_nonce text, p_theme text, p_minutes integer, p_format text,
  p_user uuid, p_key uuid, p_actor_label text, p_at timestamptz, p_today date, p_proof text
) RETURNS TABLE (outcome text, redemption_id bigint, program_id uuid, face_value_cents integer,
                 redeemed_at timestamptz, theme text, duration_minutes integer, format text,
                 cancelled_at timestamptz, code text)
LANGUAGE plpgsql AS $$
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
     WHERE ps.code = p_code AND ps.status = 'active'
       AND b.id = ps.booklet_id AND b.status = 'handed_out'
       AND ps.valid_from <= p_today AND ps.valid_until >= p_today
       AND EXISTS (SELECT 1 FROM program_places pp
                    WHERE pp.program_id = ps.program_id AND pp.place_id = p_place)
    RETURNING ps.id, ps.funder_id, ps.program_id, ps.face_value_cents INTO v_pass;
    IF NOT FOUND THEN
      -- A concurrent request with this nonce may have taken the pass while we waited for it.
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
        -- which then returns the first answer.
        RAISE EXCEPTION 'nonce % used concurrently', p_nonce USING ERRCODE = '40001';
      END IF;
      v_movement := gen_random_uuid();
      INSERT INTO ledger_postings (funder_id, program_id, movement, account, amount_cents, at)
      VALUES (v_pass.funder_id, v_pass.program_id, v_movement, 'redeemed', v_pass.face_value_cents, p_at),
             (v_pass.funder_id, v_pass.program_id, v_movement, 'outstanding', -v_pass.face_value_cents, p_at);
      INSERT INTO audit_entries (at, actor_user_id, actor_label, funder_id, action, object_type,
                                 object_id, summary, proof)
      VALUES (p_at, p_user, p_actor_label, v_pass.funder_id, 'pass.redeem', 'pass', v_pass.id::text,
              jsonb_build_object('placeId', p_place, 'redemptionId', r.id, 'apiKeyId', p_key,
                                 'faceValueCents', v_pass.face_value_cents, 'theme', p_theme,
                                 'durationMinutes', p_minutes, 'format', p_format), p_proof);
      RETURN QUERY SELECT 'redeemed', r.id, r.program_id, r.face_value_cents, r.redeemed_at, r.theme,
                          r.duration_minutes, r.format, r.cancelled_at, p_code;
      RETURN;
    END IF;
  END IF;
  RETURN QUERY SELECT 'replay', r.id, r.program_id, r.face_value_cents, r.redeemed_at, r.theme,
                      r.duration_minutes, r.format, r.cancelled_at, ps.code
                 FROM passes ps WHERE ps.id = r.pass_id;
END;
$$;
--> statement-breakpoint
DROP FUNCTION redeem_passes(uuid[], text[], text[], text[], integer[], text[], uuid[], uuid[], text[], timestamptz[], date[]);
--> statement-breakpoint
CREATE FUNCTION redeem_passes(
  p_place uuid[], p_code text[], p_nonce text[], p_theme text[], p_minutes integer[], p_format text[],
  p_user uuid[], p_key uuid[], p_label text[], p_at timestamptz[], p_today date[], p_proof text[]
) RETURNS TABLE (item integer, outcome text, redemption_id bigint, program_id uuid, face_value_cents integer,
                 redeemed_at timestamptz, theme text, duration_minutes integer, format text,
                 cancelled_at timestamptz, code text)
LANGUAGE plpgsql
-- One plan, made once per connection: planning this statement costs more than running it.
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH input AS (
    SELECT i.*, i.ord::integer AS item
      FROM unnest(p_place, p_code, p_nonce, p_theme, p_minutes, p_format, p_user, p_key, p_label, p_at, p_today,
                  p_proof)
           WITH ORDINALITY AS i(place_id, code, nonce, theme, minutes, format, user_id, key_id, label, at, today,
                                proof, ord)
  ),
  prior AS (
    SELECT i.item, r.* FROM input i JOIN redemptions r ON r.place_id = i.place_id AND r.nonce = i.nonce
  ),
  taken AS (
    UPDATE passes ps SET status = 'redeemed', redeemed_at = i.at
      FROM input i, booklets b
     WHERE ps.code = i.code AND ps.status = 'active'
       AND NOT EXISTS (SELECT 1 FROM prior WHERE prior.item = i.item)
       AND b.id = ps.booklet_id AND b.status = 'handed_out'
       AND ps.valid_from <= i.today AND ps.valid_until >= i.today
       AND EXISTS (SELECT 1 FROM program_places pp
                    WHERE pp.program_id = ps.program_id AND pp.place_id = i.place_id)
    RETURNING i.item, ps.id AS pass_id, ps.funder_id, ps.program_id, ps.face_value_cents, ps.code,
              i.place_id, i.nonce, i.theme, i.minutes, i.format, i.user_id, i.key_id, i.label, i.at, i.proof
  ),
  made AS (
    INSERT INTO redemptions (funder_id, program_id, pass_id, place_id, nonce, theme, duration_minutes,
                             format, face_value_cents, redeemed_at, actor_user_id, api_key_id)
    SELECT t.funder_id, t.program_id, t.pass_id, t.place_id, t.nonce, t.theme, t.minutes, t.format,
           t.face_value_cents, t.at, t.user_id, t.key_id
      FROM taken t ORDER BY t.item
    RETURNING redemptions.id, redemptions.pass_id, gen_random_uuid() AS movement
  ),
  postings AS (
    INSERT INTO ledger_postings (funder_id, program_id, movement, account, amount_cents, at)
    SELECT t.funder_id, t.program_id, m.movement, a.account, a.sign * t.face_value_cents, t.at
      FROM made m JOIN taken t ON t.pass_id = m.pass_id
     CROSS JOIN (VALUES ('redeemed', 1), ('outstanding', -1)) a(account, sign)
  ),
  journal AS (
    INSERT INTO audit_entries (at, actor_user_id, actor_label, funder_id, action, object_type, object_id, summary,
                               proof)
    SELECT t.at, t.user_id, t.label, t.funder_id, 'pass.redeem', 'pass', t.pass_id::text,
           jsonb_build_object('placeId', t.place_id, 'redemptionId', m.id, 'apiKeyId', t.key_id,
                              'faceValueCents', t.face_value_cents, 'theme', t.theme,
                              'durationMinutes', t.minutes, 'format', t.format), t.proof
      FROM made m JOIN taken t ON t.pass_id = m.pass_id
  )
  SELECT p.item, 'replay'::text, p.id, p.program_id, p.face_value_cents, p.redeemed_at, p.theme,
         p.duration_minutes, p.format, p.cancelled_at, ps.code
    FROM prior p JOIN passes ps ON ps.id = p.pass_id
  UNION ALL
  SELECT t.item, 'redeemed'::text, m.id, t.program_id, t.face_value_cents, t.at, t.theme,
         t.minutes, t.format, NULL::timestamptz, t.code
    FROM made m JOIN taken t ON t.pass_id = m.pass_id;
END;
$$;
