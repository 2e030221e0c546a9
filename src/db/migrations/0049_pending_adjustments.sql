-- A redemption cancelled after its statement was issued (issue 12, point 2): the cancellation
-- posts at once (the place's 'redeemed' goes down), the statement keeps its total, and the
-- place's next statement deducts it (an adjustment line). Between the two, the bank may book
-- the transfer paying the statement's total: the place then owes the pass back until its next
-- statement, which 0043's check refused as a payment beyond what is owed, failing the whole
-- bank file when the place had no other claim. What a place may be paid is what it is owed
-- plus the adjustments still to come on its next statement: these, and not a cent more.
CREATE FUNCTION place_pending_adjustments(p_program uuid, p_place uuid) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(r.face_value_cents), 0)::bigint FROM redemptions r
   WHERE r.program_id = p_program AND r.place_id = p_place AND r.cancelled_at IS NOT NULL
     AND EXISTS (SELECT 1 FROM statement_lines l WHERE l.redemption_id = r.id AND l.kind = 'redemption')
     AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.redemption_id = r.id AND l.kind = 'adjustment')
$$;
--> statement-breakpoint
-- Cancellations are few: the pending ones of a place are found without reading its redemptions.
CREATE INDEX "redemptions_cancelled" ON "redemptions" ("place_id", "program_id") WHERE cancelled_at IS NOT NULL;
--> statement-breakpoint
-- 0043's check, the place's 'redeemed' allowed below zero by its pending adjustments only.
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
         EXISTS (SELECT 1 FROM added WHERE account IN ('paid', 'written_off'))
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
     WHERE a.movement IN (SELECT movement FROM added WHERE account IN ('paid', 'written_off'))
     GROUP BY a.movement
    HAVING bool_or(a.account NOT IN ('paid', 'written_off', 'redeemed')) OR bool_or(a.place_id IS NULL)
        OR count(DISTINCT a.place_id) <> 1
     LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'payment movement % must move one place''s value between redeemed and paid or written_off', v_movement
        USING ERRCODE = 'check_violation';
    END IF;
    FOR v_claim IN SELECT DISTINCT program_id, place_id FROM added WHERE account IN ('paid', 'written_off') ORDER BY 1, 2 LOOP
      PERFORM pg_advisory_xact_lock(hashtextextended('place_claim:' || v_claim.program_id || ':' || v_claim.place_id, 0));
      IF EXISTS (
        SELECT 1 FROM ledger_postings
         WHERE place_id = v_claim.place_id AND program_id = v_claim.program_id AND account IN ('redeemed', 'paid', 'written_off')
         GROUP BY account
        HAVING sum(amount_cents) < CASE WHEN account = 'redeemed'
                                        THEN -place_pending_adjustments(v_claim.program_id, v_claim.place_id)
                                        ELSE 0 END
      ) THEN
        RAISE EXCEPTION 'payment beyond what is owed to place % in programme %', v_claim.place_id, v_claim.program_id
          USING ERRCODE = 'check_violation';
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END;
$$;
