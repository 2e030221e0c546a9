-- A programme's status on the redemption path, at the cost of one index lookup (bench:redeem).
--
-- program_status (migration 0013) folded the programme's amendments at every call: a window,
-- five ordered aggregates and jsonb reads, and, being a SQL function that cannot be inlined,
-- planned again in every statement that called it: close to a millisecond per redemption
-- statement, on a path whose bare UPDATE costs a tenth of that. The fold changes only when
-- an amendment is recorded, so it is now kept, per programme and effective date, in
-- program_states, written by the trigger that follows every amendment; program_status reads
-- the row in force on the day and compares the day with its dates. The table is derived, never
-- a record: the trigger rewrites a programme's rows from its amendments, the only source.
--
-- The fold also leaves out superseded amendments now, as core/program/as-of.ts does since
-- rectifying amendments came (migration 0016): the database still counted a rectified
-- suspension, and refused redemptions that the programme page showed as allowed.
CREATE TABLE "program_states" (
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"effective_on" date NOT NULL,
	"decided" boolean NOT NULL,
	"status" text,
	"distribution_start" date,
	"distribution_end" date,
	"usage_end" date,
	"closure" date,
	CONSTRAINT "program_states_pkey" PRIMARY KEY ("program_id", "effective_on"),
	CONSTRAINT "program_states_program" FOREIGN KEY ("funder_id", "program_id") REFERENCES "programs"("funder_id", "id")
);
--> statement-breakpoint
-- The fold of a programme's amendments in force on a day (the order of core/program/order.ts:
-- effective date, creation first, decision date, number, id; calendar keys merge one by one).
CREATE FUNCTION program_fold(p_program uuid, p_day date)
RETURNS TABLE (decided boolean, status text, distribution_start date, distribution_end date,
               usage_end date, closure date)
LANGUAGE sql STABLE AS $$
  WITH applied AS (
    SELECT a.kind, a.changes, a.changes -> 'calendar' AS cal,
           row_number() OVER (ORDER BY a.effective_on DESC, (a.kind = 'creation'), a.decided_on DESC,
                                       a.number COLLATE "C" DESC, a.id DESC) AS latest_first
    FROM program_amendments a
    WHERE a.program_id = p_program AND a.effective_on <= p_day
      AND NOT EXISTS (SELECT 1 FROM program_amendments r WHERE r.rectifies_id = a.id)
  )
  SELECT coalesce(bool_or(kind = 'creation'), false),
    (array_agg(changes ->> 'status' ORDER BY latest_first) FILTER (WHERE changes ? 'status'))[1],
    (array_agg(cal ->> 'distributionStart' ORDER BY latest_first) FILTER (WHERE cal ? 'distributionStart'))[1]::date,
    (array_agg(cal ->> 'distributionEnd' ORDER BY latest_first) FILTER (WHERE cal ? 'distributionEnd'))[1]::date,
    (array_agg(cal ->> 'usageEnd' ORDER BY latest_first) FILTER (WHERE cal ? 'usageEnd'))[1]::date,
    (array_agg(cal ->> 'closure' ORDER BY latest_first) FILTER (WHERE cal ? 'closure'))[1]::date
  FROM applied
$$;
--> statement-breakpoint
CREATE FUNCTION program_states_refresh(p_program uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Two amendments of one programme recorded at once would each rewrite its rows from a
  -- history without the other's: the programme's row serialises them (NO KEY: redemptions'
  -- foreign-key checks on the programme are not held back). Read Committed: the statements
  -- below see what a transaction that held the lock before committed.
  PERFORM 1 FROM programs WHERE id = p_program FOR NO KEY UPDATE;
  DELETE FROM program_states WHERE program_id = p_program;
  INSERT INTO program_states (funder_id, program_id, effective_on, decided, status, distribution_start,
                              distribution_end, usage_end, closure)
  SELECT p.funder_id, p.id, e.effective_on, f.*
    FROM programs p
    CROSS JOIN (SELECT DISTINCT effective_on FROM program_amendments WHERE program_id = p_program) e
    CROSS JOIN LATERAL program_fold(p_program, e.effective_on) f
   WHERE p.id = p_program;
END
$$;
--> statement-breakpoint
CREATE FUNCTION program_amendment_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM program_states_refresh(NEW.program_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER program_amendments_fold AFTER INSERT ON program_amendments
  FOR EACH ROW EXECUTE FUNCTION program_amendment_recorded();
--> statement-breakpoint
SELECT program_states_refresh(id) FROM programs;
--> statement-breakpoint
-- plpgsql: its one query is planned once per connection, not once per calling statement.
CREATE OR REPLACE FUNCTION program_status(p_program uuid, p_day date) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  s program_states%ROWTYPE;
BEGIN
  SELECT * INTO s FROM program_states
   WHERE program_id = p_program AND effective_on <= p_day
   ORDER BY effective_on DESC LIMIT 1;
  RETURN CASE
    WHEN NOT coalesce(s.decided, false) THEN 'upcoming'
    WHEN s.status = 'closed' OR p_day > s.closure THEN 'closed'
    WHEN s.status = 'suspended' THEN 'suspended'
    WHEN s.status = 'draft' OR p_day < s.distribution_start THEN 'upcoming'
    WHEN p_day <= s.distribution_end THEN 'running'
    WHEN p_day <= s.usage_end THEN 'distribution_closed'
    ELSE 'usage_closed'
  END;
END
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
