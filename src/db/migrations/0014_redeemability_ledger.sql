-- One rule, one place (issue 9, point 2). Whether a place may redeem a pass today is decided
-- here, and only here: the pass check (pass_status), the single redemption (redeem_pass) and
-- the batch (redeem_passes) all ask this function. Its callers bring it the facts: the pass
-- as the statement sees it (for the conditional update, the row being updated, so that a pass
-- changed by a concurrent transaction is judged again as it now stands), its booklet's status
-- whether the place accepts the programme, and whether the programme's status as of the day
-- lets it be redeemed (program_allows of migration 0013: a batch asks it once per programme,
-- not once per pass, as it folds the programme's amendments). It is one SQL expression, which PostgreSQL
-- inlines into the batch's WHERE clause: the hot path pays no function call per pass.
-- The answer is 'redeemable' or the refusal a person at the desk can act on, in that order;
-- anything unknown (a missing date) is a refusal, never 'redeemable'.
CREATE FUNCTION pass_redeemability(
  p_pass_status text, p_valid_from date, p_valid_until date, p_booklet_status text,
  p_place_accepts boolean, p_program_open boolean, p_today date
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
           WHEN p_place_accepts IS NOT TRUE THEN 'program_not_accepted'
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
         END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pass_status(p_place uuid, p_code text, p_today date)
RETURNS TABLE (status text, pass_id bigint, funder_id uuid, program_id uuid, face_value_cents integer,
               valid_from date, valid_until date, redeemed_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT pass_redeemability(ps.status, ps.valid_from, ps.valid_until, b.status,
           EXISTS (SELECT 1 FROM program_places pp
                    WHERE pp.program_id = ps.program_id AND pp.place_id = p_place),
           program_allows(ps.program_id, p_today, 'redeem'), p_today),
         ps.id, ps.funder_id, ps.program_id, ps.face_value_cents, ps.valid_from, ps.valid_until, ps.redeemed_at
    FROM passes ps
    JOIN booklets b ON b.id = ps.booklet_id
   WHERE ps.code = p_code
$$;
--> statement-breakpoint
-- A nonce names one request (issue 9, point 8): sent again with the same code and session it
-- is a replay and gets the first answer; with anything else it is a mistake (or a bug of the
-- place's software) and is refused, naming the first redemption, instead of answering with it.
CREATE FUNCTION nonce_outcome(
  p_first_code text, p_first_theme text, p_first_minutes integer, p_first_format text,
  p_code text, p_theme text, p_minutes integer, p_format text
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN (p_first_code, p_first_theme, p_first_minutes, p_first_format)
                   IS NOT DISTINCT FROM (p_code, p_theme, p_minutes, p_format)
              THEN 'replay' ELSE 'nonce_reused' END
$$;
--> statement-breakpoint
-- The one way postings are written, by the TypeScript services (finance/repo.ts) and by the
-- redemption functions alike: one statement for any number of postings, so that a batch of
-- redemptions pays one insert and one run of the ledger's statement trigger. Postings that
-- share a movement must balance; a null instant means now.
CREATE FUNCTION ledger_post(
  p_funder uuid[], p_program uuid[], p_movement uuid[], p_account text[], p_amount bigint[],
  p_at timestamptz[]
) RETURNS void LANGUAGE plpgsql
-- A custom plan per call would plan the insert every time, for the count of its arrays.
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  INSERT INTO ledger_postings (funder_id, program_id, movement, account, amount_cents, at)
  SELECT l.funder_id, l.program_id, l.movement, l.account, l.amount, coalesce(l.at, now())
    FROM unnest(p_funder, p_program, p_movement, p_account, p_amount, p_at)
         AS l(funder_id, program_id, movement, account, amount, at);
END;
$$;
--> statement-breakpoint
-- Writer proofs (migration 0015, docs/architecture.md "Audit"): every entry the application
-- writes carries a MAC computed with a key the database never holds.
ALTER TABLE "audit_entries" ADD COLUMN "proof" text;
--> statement-breakpoint
-- The one way audit entries are written, by audit/service.ts and by the redemption functions
-- alike, any number per statement, each with the writer proof the application computed for it.
-- A null instant means now.
CREATE FUNCTION audit_append(
  p_at timestamptz[], p_user uuid[], p_label text[], p_funder uuid[], p_action text[],
  p_object_type text[], p_object_id text[], p_summary jsonb[], p_proof text[]
) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  INSERT INTO audit_entries (at, actor_user_id, actor_label, funder_id, action, object_type, object_id,
                             summary, proof)
  SELECT coalesce(e.at, now()), e.user_id, e.label, e.funder_id, e.action, e.object_type, e.object_id,
         e.summary, e.proof
    FROM unnest(p_at, p_user, p_label, p_funder, p_action, p_object_type, p_object_id, p_summary, p_proof)
         AS e(at, user_id, label, funder_id, action, object_type, object_id, summary, proof);
END;
$$;
--> statement-breakpoint
-- What redeem_passes answers for one item, kept between its statements.
CREATE TYPE redemption_answer AS (
  item integer, outcome text, redemption_id bigint, program_id uuid, face_value_cents integer,
  redeemed_at timestamptz, theme text, duration_minutes integer, format text,
  cancelled_at timestamptz, code text, funder_id uuid, pass_id bigint
);
--> statement-breakpoint
-- Redemptions in batches (see 0010): the same guarantees, now with the rule of
-- pass_redeemability, the nonce rule of nonce_outcome, and the ledger and the journal written
-- through ledger_post and audit_append, once each for the whole batch.
-- Items it does not answer were not redeemable as they stood (or their pass was taken by a
-- concurrent request with the same nonce): redeem_pass says why.
DROP FUNCTION redeem_passes(uuid[], text[], text[], text[], integer[], text[], uuid[], uuid[], text[], timestamptz[], date[]);
--> statement-breakpoint
CREATE FUNCTION redeem_passes(
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
  -- The programmes' status as of the day, once per programme of the batch.
  open_programs AS (
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
             EXISTS (SELECT 1 FROM program_places pp
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
-- One redemption, alone (see 0008): the same rule, nonce rule and writers as the batch, in
-- straight-line statements, which cost a single request less than the batch's of one item.
-- A refusal is named by pass_status; a concurrent request with this nonce may have taken the
-- pass while this one waited for it, so the nonce is looked up again before answering.
DROP FUNCTION redeem_pass(uuid, text, text, text, integer, text, uuid, uuid, text, timestamptz, date);
--> statement-breakpoint
CREATE FUNCTION redeem_pass(
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
             EXISTS (SELECT 1 FROM program_places pp
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
-- Ledger accounts are a closed set (issue 9, point 10): the five per-programme accounts, and
-- one account per payer, named 'payer:<who>' (a name or an id, never empty).
ALTER TABLE ledger_postings ADD CONSTRAINT ledger_postings_account CHECK (
  account IN ('unactivated', 'outstanding', 'redeemed', 'expired', 'cancelled') OR account ~ '^payer:\S'
);
--> statement-breakpoint
-- Checked once per statement over the postings it added (see 0010): every movement balances,
-- and no programme's unactivated balance goes below zero. Two transactions each taking the
-- last money of a programme are serialised on the programme's row (FOR NO KEY UPDATE: it
-- does not hold back the foreign-key checks of other postings, and it waits for a writer that
-- locked the programme FOR UPDATE, as funding and issuing do); the sum is read after the lock,
-- in a new snapshot (READ COMMITTED, the application's level), so it sees what the first one
-- committed. Only statements taking money out of unactivated pay for this.
CREATE FUNCTION check_ledger_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_movement uuid;
  v_programs uuid[];
  v_program uuid;
BEGIN
  -- One read of the added postings for both rules: this runs for every redemption batch.
  SELECT (SELECT movement FROM added GROUP BY movement HAVING sum(amount_cents) <> 0 LIMIT 1),
         ARRAY(SELECT DISTINCT program_id FROM added
                WHERE account = 'unactivated' AND amount_cents < 0 ORDER BY 1)
    INTO v_movement, v_programs;
  IF v_movement IS NOT NULL THEN
    RAISE EXCEPTION 'ledger movement % does not balance', v_movement USING ERRCODE = 'P0001';
  END IF;
  FOREACH v_program IN ARRAY v_programs LOOP
    PERFORM 1 FROM programs WHERE id = v_program FOR NO KEY UPDATE;
    IF (SELECT sum(amount_cents) FROM ledger_postings
         WHERE program_id = v_program AND account = 'unactivated') < 0 THEN
      RAISE EXCEPTION 'the unactivated balance of programme % would be negative', v_program
        USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER ledger_postings_balanced ON ledger_postings;
--> statement-breakpoint
DROP FUNCTION check_movements_balanced();
--> statement-breakpoint
CREATE TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_ledger_statement();
