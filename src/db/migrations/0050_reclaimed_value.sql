-- A funding reversed once no pass of its programme circulates any more (issue 9, point 5, met
-- at the closure: a payer's transfer recorded twice). What the unactivated balance and the
-- funder's stock cannot cover is taken back from the value of passes cancelled or expired:
-- money that backs no pass anyone holds. The reversal keeps how much it took back; 0049's check
-- now keeps 'cancelled' and 'expired' from going below zero, as it did 'unactivated'.
ALTER TABLE "funding_reversals" ADD COLUMN "reclaimed_cents" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "funding_reversals" ADD CONSTRAINT "funding_reversals_reclaimed" CHECK ("reclaimed_cents" >= 0);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION check_ledger_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_movement uuid;
  v_programs uuid[];
  v_program uuid;
  v_parent record;
  v_paid boolean;
  v_claim record;
  v_account text;
BEGIN
  SELECT (SELECT movement FROM added GROUP BY movement HAVING sum(amount_cents) <> 0 LIMIT 1),
         ARRAY(SELECT DISTINCT program_id FROM added
                WHERE account IN ('unactivated', 'cancelled', 'expired') AND amount_cents < 0 ORDER BY 1),
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
    SELECT account INTO v_account FROM ledger_postings
     WHERE program_id = v_program AND account IN ('unactivated', 'cancelled', 'expired')
     GROUP BY account HAVING sum(amount_cents) < 0 LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'the % balance of programme % would be negative', v_account, v_program
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
