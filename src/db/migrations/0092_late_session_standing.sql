-- A session recorded on a later day (late_sessions) is judged with the place's standing for the
-- programme as of the session's day, folded from the funder's decisions (place_qualifications,
-- append-only, each in force from its effective_on), not with program_places, which holds today's
-- standing: a place suspended or withdrawn since was refused the sessions it gave while approved,
-- within the tolerance, and lost their payment. Today's redemptions (redeem_pass, redeem_passes,
-- pass_status) keep reading program_places in one index lookup: the late path alone pays the fold.

-- The standing as of a day: the last decision in force that day, in the order the decisions were
-- taken (the order the fold of 0024 follows), as that fold reads it (NULL: not accepted then).
CREATE FUNCTION place_standing_on(p_program uuid, p_place uuid, p_day date)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE q.decision
           WHEN 'approved' THEN 'approved'
           WHEN 'reinstated' THEN 'approved'
           WHEN 'suspended' THEN 'suspended'
         END
    FROM (SELECT pq.decision FROM place_qualifications pq
           WHERE pq.program_id = p_program AND pq.place_id = p_place AND pq.effective_on <= p_day
           ORDER BY pq.id DESC LIMIT 1) q
$$;
--> statement-breakpoint
-- pass_status for a session given on p_day, recorded later: the place's standing as of that day.
CREATE FUNCTION pass_status_on(p_place uuid, p_code text, p_day date)
RETURNS TABLE (status text, pass_id bigint, funder_id uuid, program_id uuid, face_value_cents integer,
               valid_from date, valid_until date, redeemed_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT pass_redeemability(ps.status, ps.valid_from, ps.valid_until, b.status,
           place_standing_on(ps.program_id, p_place, p_day),
           program_allows(ps.program_id, p_day, 'redeem'), p_day),
         ps.id, ps.funder_id, ps.program_id, ps.face_value_cents, ps.valid_from, ps.valid_until, ps.redeemed_at
    FROM passes ps
    JOIN booklets b ON b.id = ps.booklet_id
   WHERE ps.code = p_code
$$;
--> statement-breakpoint
-- redeem_pass (0033) for a late session, p_session_on the day the session was given: the same redemption,
-- with the place's standing as of that day. Called by the late path only, in its transaction.
CREATE FUNCTION redeem_late_pass(
  p_place uuid, p_code text, p_nonce text, p_theme text, p_minutes integer, p_format text,
  p_user uuid, p_key uuid, p_actor_label text, p_at timestamptz, p_session_on date, p_proof text
) RETURNS TABLE (outcome text, redemption_id bigint, program_id uuid, face_value_cents integer,
                 redeemed_at timestamptz, theme text, duration_minutes integer, format text,
                 cancelled_at timestamptz, code text)
LANGUAGE plpgsql
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
             place_standing_on(ps.program_id, p_place, p_session_on),
             program_allows(ps.program_id, p_session_on, 'redeem'), p_session_on) = 'redeemable'
    RETURNING ps.id, ps.funder_id, ps.program_id, ps.face_value_cents INTO v_pass;
    IF NOT FOUND THEN
      SELECT * INTO r FROM redemptions x WHERE x.place_id = p_place AND x.nonce = p_nonce;
      IF NOT FOUND THEN
        RETURN QUERY SELECT s.status, NULL::bigint, s.program_id, s.face_value_cents, s.redeemed_at,
                            NULL::text, NULL::integer, NULL::text, NULL::timestamptz, p_code
                       FROM pass_status_on(p_place, p_code, p_session_on) s;
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
                          ARRAY[v_pass.face_value_cents, -v_pass.face_value_cents]::bigint[], ARRAY[p_at, p_at],
                          ARRAY[p_place, NULL]::uuid[]);
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
