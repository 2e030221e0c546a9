-- Paying the places, part one (issue 12, points 1 and 2; docs/architecture.md "Paying places:
-- statements"). The place's claim lives in the ledger without one more row per redemption:
-- the redemption's posting to 'redeemed' (and a cancelled redemption's reversal) carries the
-- place. A payment is the movement redeemed -v / paid +v for (programme, place), so per place
-- and programme owed = balance of 'redeemed', paid = balance of 'paid', and owed + paid = the
-- value redeemed by construction.
ALTER TABLE "ledger_postings" ADD COLUMN "place_id" uuid;
--> statement-breakpoint
-- Only the place's claim and its payments name a place; a payment always does.
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_place" CHECK (
  (place_id IS NULL OR account IN ('redeemed', 'paid')) AND (account <> 'paid' OR place_id IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_account";
--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_account" CHECK (
  account IN ('unactivated', 'outstanding', 'redeemed', 'paid', 'expired', 'cancelled') OR account ~ '^payer:\S'
);
--> statement-breakpoint
-- What a place is owed and was paid, per programme, read by the payment check below and by
-- the payables: partial, so that postings naming no place cost it nothing.
CREATE INDEX "ledger_postings_place" ON "ledger_postings" ("place_id", "program_id", "account")
  WHERE place_id IS NOT NULL;
--> statement-breakpoint
-- Redemptions made before this migration: their postings get their place, matched to the
-- redemption by programme, instant and value (the ledger is append-only; this one backfill
-- lifts the rule for the time of one statement). Redemptions of the same programme, instant
-- and value at two places may swap places; their sums per place are then still right unless
-- their values differ, which the match excludes.
ALTER TABLE "ledger_postings" DISABLE TRIGGER "ledger_postings_append_only";
--> statement-breakpoint
WITH credits AS (
  SELECT l.id, row_number() OVER (PARTITION BY l.program_id, l.at, l.amount_cents ORDER BY l.id) AS n,
         l.program_id, l.at, l.amount_cents
    FROM ledger_postings l WHERE l.account = 'redeemed' AND l.amount_cents > 0
),
made AS (
  SELECT r.place_id, r.program_id, r.redeemed_at, r.face_value_cents,
         row_number() OVER (PARTITION BY r.program_id, r.redeemed_at, r.face_value_cents ORDER BY r.id) AS n
    FROM redemptions r
),
reversals AS (
  SELECT l.id, row_number() OVER (PARTITION BY l.program_id, l.at, l.amount_cents ORDER BY l.id) AS n,
         l.program_id, l.at, l.amount_cents
    FROM ledger_postings l WHERE l.account = 'redeemed' AND l.amount_cents < 0
),
undone AS (
  SELECT r.place_id, r.program_id, r.cancelled_at, r.face_value_cents,
         row_number() OVER (PARTITION BY r.program_id, r.cancelled_at, r.face_value_cents ORDER BY r.id) AS n
    FROM redemptions r WHERE r.cancelled_at IS NOT NULL
),
matched AS (
  SELECT c.id, m.place_id FROM credits c
    JOIN made m ON m.program_id = c.program_id AND m.redeemed_at = c.at
               AND m.face_value_cents = c.amount_cents AND m.n = c.n
  UNION ALL
  SELECT v.id, u.place_id FROM reversals v
    JOIN undone u ON u.program_id = v.program_id AND u.cancelled_at = v.at
                 AND u.face_value_cents = -v.amount_cents AND u.n = v.n
)
UPDATE ledger_postings l SET place_id = m.place_id FROM matched m WHERE l.id = m.id;
--> statement-breakpoint
ALTER TABLE "ledger_postings" ENABLE TRIGGER "ledger_postings_append_only";
--> statement-breakpoint
-- ledger_post (0014) takes the postings' places; callers that name none are unchanged.
DROP FUNCTION ledger_post(uuid[], uuid[], uuid[], text[], bigint[], timestamptz[]);
--> statement-breakpoint
CREATE FUNCTION ledger_post(
  p_funder uuid[], p_program uuid[], p_movement uuid[], p_account text[], p_amount bigint[],
  p_at timestamptz[], p_place uuid[] DEFAULT NULL
) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  INSERT INTO ledger_postings (funder_id, program_id, movement, account, amount_cents, at, place_id)
  SELECT l.funder_id, l.program_id, l.movement, l.account, l.amount, coalesce(l.at, now()), l.place_id
    FROM unnest(p_funder, p_program, p_movement, p_account, p_amount, p_at, p_place)
         AS l(funder_id, program_id, movement, account, amount, at, place_id);
END;
$$;
--> statement-breakpoint
-- The ledger's statement check (0014, 0025), plus payments: a payment names one place and
-- moves its value from that place's 'redeemed' to its 'paid' in one programme, and may never
-- leave the place's 'redeemed' (what it is owed) below zero, nor its 'paid' below zero. Two
-- payments to the same place are serialised by an advisory lock per (programme, place); the
-- sums are read after it, in a new snapshot, so the second sees what the first committed.
-- Redemption batches pay one more test of the added rows, nothing else.
CREATE OR REPLACE FUNCTION check_ledger_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_movement uuid;
  v_programs uuid[];
  v_program uuid;
  v_parent record;
  v_paid boolean;
  v_claim record;
BEGIN
  SELECT (SELECT movement FROM added GROUP BY movement HAVING sum(amount_cents) <> 0 LIMIT 1),
         ARRAY(SELECT DISTINCT program_id FROM added
                WHERE account = 'unactivated' AND amount_cents < 0 ORDER BY 1),
         EXISTS (SELECT 1 FROM added WHERE account = 'paid')
    INTO v_movement, v_programs, v_paid;
  IF v_movement IS NOT NULL THEN
    RAISE EXCEPTION 'ledger movement % does not balance', v_movement USING ERRCODE = 'P0001';
  END IF;
  FOR v_parent IN SELECT DISTINCT funder_id, program_id FROM added LOOP
    PERFORM 1 FROM programs WHERE funder_id = v_parent.funder_id AND id = v_parent.program_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'ledger posting for programme % of funder %, which does not exist',
        v_parent.program_id, v_parent.funder_id USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
  FOREACH v_program IN ARRAY v_programs LOOP
    PERFORM 1 FROM programs WHERE id = v_program FOR NO KEY UPDATE;
    IF (SELECT sum(amount_cents) FROM ledger_postings
         WHERE program_id = v_program AND account = 'unactivated') < 0 THEN
      RAISE EXCEPTION 'the unactivated balance of programme % would be negative', v_program
        USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  IF v_paid THEN
    SELECT a.movement INTO v_movement FROM added a
     WHERE a.movement IN (SELECT movement FROM added WHERE account = 'paid')
     GROUP BY a.movement
    HAVING bool_or(a.account NOT IN ('paid', 'redeemed')) OR bool_or(a.place_id IS NULL)
        OR count(DISTINCT a.place_id) <> 1
     LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'payment movement % must move one place''s value between redeemed and paid', v_movement
        USING ERRCODE = 'check_violation';
    END IF;
    FOR v_claim IN SELECT DISTINCT program_id, place_id FROM added WHERE account = 'paid' ORDER BY 1, 2 LOOP
      PERFORM pg_advisory_xact_lock(hashtextextended('place_claim:' || v_claim.program_id || ':' || v_claim.place_id, 0));
      IF EXISTS (
        SELECT 1 FROM ledger_postings
         WHERE place_id = v_claim.place_id AND program_id = v_claim.program_id AND account IN ('redeemed', 'paid')
         GROUP BY account HAVING sum(amount_cents) < 0
      ) THEN
        RAISE EXCEPTION 'payment beyond what is owed to place % in programme %', v_claim.place_id, v_claim.program_id
          USING ERRCODE = 'check_violation';
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The redemption functions of 0024, whose posting to 'redeemed' now names the place.
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
                      array_agg(a.redeemed_at),
                      array_agg(CASE WHEN l.account = 'redeemed' THEN p_place[a.item] END))
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
-- Statements: one per place, programme and month, numbered without gaps per funder from the
-- funder's counter row (locked FOR UPDATE by the run that numbers).
CREATE TABLE "statement_counters" (
	"funder_id" uuid PRIMARY KEY REFERENCES "funders"("id"),
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"funder_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"place_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"number" text NOT NULL,
	"sequence" integer NOT NULL,
	"month" date NOT NULL,
	"redemptions_count" integer NOT NULL,
	"value_cents" bigint NOT NULL,
	"adjustments_count" integer NOT NULL,
	"adjustments_cents" bigint NOT NULL,
	"total_cents" bigint NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statements_program" FOREIGN KEY ("funder_id", "program_id") REFERENCES "programs"("funder_id", "id"),
	CONSTRAINT "statements_month" CHECK (extract(day FROM month) = 1),
	CONSTRAINT "statements_total" CHECK (total_cents = value_cents + adjustments_cents),
	CONSTRAINT "statements_status" CHECK (status IN ('issued', 'contested', 'approved', 'in_payment', 'paid'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "statements_place_month" ON "statements" ("program_id", "place_id", "month");
--> statement-breakpoint
CREATE UNIQUE INDEX "statements_number" ON "statements" ("funder_id", "sequence");
--> statement-breakpoint
CREATE INDEX "statements_funder_month" ON "statements" ("funder_id", "month");
--> statement-breakpoint
CREATE INDEX "statements_place" ON "statements" ("place_id", "month");
--> statement-breakpoint
-- Every redemption is counted in at most one statement line, its cancellation in at most one
-- adjustment (negative).
CREATE TABLE "statement_lines" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"statement_id" uuid NOT NULL,
	"redemption_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "statement_lines_kind" CHECK (kind IN ('redemption', 'adjustment')),
	CONSTRAINT "statement_lines_sign" CHECK ((kind = 'redemption') = (amount_cents >= 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "statement_lines_redemption" ON "statement_lines" ("redemption_id", "kind");
--> statement-breakpoint
CREATE INDEX "statement_lines_statement" ON "statement_lines" ("statement_id");
--> statement-breakpoint
-- A line's statement and redemption exist: checked once per statement of lines, as 0025 does
-- for redemptions, not by foreign keys (a monthly run writes a line per redemption: the key
-- checks, a lookup and a lock per row, made bench:statements' run 13.2 s instead of 8.3 s, under load).
-- Statements and redemptions are never deleted (triggers), so no lock needs to be held.
CREATE FUNCTION check_statement_line_parents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_line record;
BEGIN
  -- Each distinct statement once (a run writes thousands of lines per statement).
  SELECT d.statement_id, NULL::bigint AS redemption_id INTO v_line
    FROM (SELECT DISTINCT statement_id FROM added) d
   WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = d.statement_id)
   LIMIT 1;
  IF NOT FOUND THEN
    SELECT a.statement_id, a.redemption_id INTO v_line FROM added a
     WHERE NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.id = a.redemption_id)
     LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'statement line of statement % for redemption %: one of them does not exist',
      v_line.statement_id, v_line.redemption_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER statement_lines_parents AFTER INSERT ON statement_lines
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_statement_line_parents();
--> statement-breakpoint
CREATE TRIGGER redemptions_kept BEFORE DELETE ON redemptions
  FOR EACH ROW EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER redemptions_no_truncate BEFORE TRUNCATE ON redemptions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER statements_no_truncate BEFORE TRUNCATE ON statements
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
-- What happened to a statement, append-only: when it was issued, contested, answered,
-- approved, sent for payment, paid (the payables "as of" a past date read these).
CREATE TABLE "statement_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"statement_id" uuid NOT NULL REFERENCES "statements"("id"),
	"event" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"actor_user_id" uuid REFERENCES "users"("id"),
	"actor_label" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "statement_events_statement" ON "statement_events" ("statement_id", "at");
--> statement-breakpoint
CREATE TRIGGER statement_lines_append_only BEFORE UPDATE OR DELETE ON statement_lines
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER statement_events_append_only BEFORE UPDATE OR DELETE ON statement_events
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER statements_kept BEFORE DELETE ON statements
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
-- A statement's figures are facts once issued; only its status moves, along the transition
-- table of core/statement.ts (kept in step with it by a test).
CREATE FUNCTION statement_transition_allowed(p_from text, p_to text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT (p_from, p_to) IN (('issued', 'contested'), ('contested', 'issued'), ('issued', 'approved'),
                            ('approved', 'issued'), ('approved', 'in_payment'), ('in_payment', 'approved'),
                            ('in_payment', 'paid'))
$$;
--> statement-breakpoint
CREATE FUNCTION check_statement_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.funder_id, NEW.program_id, NEW.place_id, NEW.number, NEW.sequence, NEW.month,
      NEW.redemptions_count, NEW.value_cents, NEW.adjustments_count, NEW.adjustments_cents,
      NEW.total_cents, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.funder_id, OLD.program_id, OLD.place_id, OLD.number, OLD.sequence, OLD.month,
      OLD.redemptions_count, OLD.value_cents, OLD.adjustments_count, OLD.adjustments_cents,
      OLD.total_cents, OLD.created_at) THEN
    RAISE EXCEPTION 'a statement''s figures are never rewritten' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT statement_transition_allowed(OLD.status, NEW.status) THEN
    RAISE EXCEPTION 'statement % cannot go from % to %', OLD.number, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER statements_update BEFORE UPDATE ON statements
  FOR EACH ROW EXECUTE FUNCTION check_statement_update();
