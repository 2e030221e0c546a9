-- The journal stays append-only; the one change allowed is the sealer linking an
-- unsealed entry into the chain, leaving everything the entry says untouched.
CREATE FUNCTION audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
     AND (NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_label, NEW.funder_id, NEW.action,
          NEW.object_type, NEW.object_id, NEW.summary, NEW.writer_xid)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.actor_user_id, OLD.actor_label, OLD.funder_id, OLD.action,
          OLD.object_type, OLD.object_id, OLD.summary, OLD.writer_xid) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
DROP TRIGGER audit_entries_append_only ON audit_entries;
--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_entries_guard();
--> statement-breakpoint
-- What a place would be told about a pass today; one row, or none for an unknown code.
-- The order of the cases is the order of the reasons a person at the desk can act on.
CREATE FUNCTION pass_status(p_place uuid, p_code text, p_today date)
RETURNS TABLE (status text, pass_id bigint, funder_id uuid, program_id uuid, face_value_cents integer,
               valid_from date, valid_until date, redeemed_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT CASE
           WHEN pp.place_id IS NULL THEN 'program_not_accepted'
           WHEN ps.status = 'redeemed' THEN 'already_redeemed'
           WHEN b.status = 'blocked' OR ps.status = 'cancelled' THEN 'blocked'
           WHEN ps.status = 'expired' THEN 'expired'
           WHEN b.status <> 'handed_out' OR ps.status <> 'active' THEN 'not_handed_out'
           WHEN p_today < ps.valid_from THEN 'not_yet_valid'
           WHEN p_today > ps.valid_until THEN 'expired'
           ELSE 'redeemable'
         END,
         ps.id, ps.funder_id, ps.program_id, ps.face_value_cents, ps.valid_from, ps.valid_until, ps.redeemed_at
    FROM passes ps
    JOIN booklets b ON b.id = ps.booklet_id
    LEFT JOIN program_places pp ON pp.program_id = ps.program_id AND pp.place_id = p_place
   WHERE ps.code = p_code
$$;
--> statement-breakpoint
-- Redemption, exactly once, in one round trip (DESIGN.md): a replayed nonce returns the
-- first redemption; otherwise the conditional update of the pass decides, and the
-- redemption row, the ledger movement and the audit entry follow in the same transaction.
CREATE FUNCTION redeem_pass(
  p_place uuid, p_code text, p_nonce text, p_theme text, p_minutes integer, p_format text,
  p_user uuid, p_key uuid, p_actor_label text, p_at timestamptz, p_today date
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
                                 object_id, summary)
      VALUES (p_at, p_user, p_actor_label, v_pass.funder_id, 'pass.redeem', 'pass', v_pass.id::text,
              jsonb_build_object('placeId', p_place, 'redemptionId', r.id, 'apiKeyId', p_key,
                                 'faceValueCents', v_pass.face_value_cents, 'theme', p_theme,
                                 'durationMinutes', p_minutes, 'format', p_format));
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
