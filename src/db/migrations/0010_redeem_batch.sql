-- Redemptions in batches (DESIGN.md, "Redemption, exactly once"): the server gathers the
-- requests that arrive together and sends them as one statement, so a busy place network
-- pays one transaction, one round trip and one commit for many redemptions. Each item keeps
-- the guarantees of redeem_pass: a replayed nonce returns the first redemption; otherwise
-- the conditional update of the pass decides, and the redemption row, the two ledger
-- postings and the audit entry are written with it.
--
-- Items this statement does not answer (a refusal, or a nonce that another transaction
-- used while this one waited) are left out of the result; the caller passes them to
-- redeem_pass one by one, which names the reason. A nonce inserted concurrently by another
-- server fails the whole statement with a unique violation, writing nothing; the caller then
-- asks each item alone. The caller never puts one code, or one place's nonce, twice in a batch.
CREATE FUNCTION redeem_passes(
  p_place uuid[], p_code text[], p_nonce text[], p_theme text[], p_minutes integer[], p_format text[],
  p_user uuid[], p_key uuid[], p_label text[], p_at timestamptz[], p_today date[]
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
      FROM unnest(p_place, p_code, p_nonce, p_theme, p_minutes, p_format, p_user, p_key, p_label, p_at, p_today)
           WITH ORDINALITY AS i(place_id, code, nonce, theme, minutes, format, user_id, key_id, label, at, today, ord)
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
              i.place_id, i.nonce, i.theme, i.minutes, i.format, i.user_id, i.key_id, i.label, i.at
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
    INSERT INTO audit_entries (at, actor_user_id, actor_label, funder_id, action, object_type, object_id, summary)
    SELECT t.at, t.user_id, t.label, t.funder_id, 'pass.redeem', 'pass', t.pass_id::text,
           jsonb_build_object('placeId', t.place_id, 'redemptionId', m.id, 'apiKeyId', t.key_id,
                              'faceValueCents', t.face_value_cents, 'theme', t.theme,
                              'durationMinutes', t.minutes, 'format', t.format)
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
--> statement-breakpoint
-- Every movement balances, checked once per statement over the rows it added, instead of
-- once per row at commit with a lookup by movement: a redemption batch adds two postings
-- per pass, and the per-row check and its index cost more than the postings themselves.
-- Every statement inserts whole movements (finance/repo.ts and the redemption functions),
-- so a statement whose movements balance leaves every movement balanced.
DROP TRIGGER ledger_postings_balanced ON ledger_postings;
--> statement-breakpoint
DROP FUNCTION check_movement_balanced();
--> statement-breakpoint
DROP INDEX ledger_postings_movement;
--> statement-breakpoint
CREATE FUNCTION check_movements_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_movement uuid;
BEGIN
  SELECT movement INTO v_movement FROM added GROUP BY movement HAVING sum(amount_cents) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger movement % does not balance', v_movement USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_movements_balanced();
