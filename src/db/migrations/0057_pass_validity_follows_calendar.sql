-- A pass handed out is valid until its programme's usage end as amended, not the one in force on
-- the day it was handed out: an amendment that extends the usage end (Pas-de-Calais extended its
-- passes in 2023) must extend the passes already in people's hands, and one that brings it
-- forward must show them the new last day. The redemption rule (pass_redeemability) and the
-- daily expiry read `passes.valid_until`; it is kept in line here, where every amendment is
-- folded, so that no caller can forget it. Only passes still usable move: a pass redeemed,
-- expired or cancelled keeps the validity it had then.

-- The usage end of the programme's last state: every amendment recorded, whatever its date of
-- effect (the validity a person is told is the end as planned, not as of today).
CREATE FUNCTION program_usage_end(p_program uuid) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT usage_end FROM program_states WHERE program_id = p_program ORDER BY effective_on DESC LIMIT 1
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION program_states_refresh(p_program uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_usage_end date;
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
  -- The passes in people's hands follow the usage end (in stock, they have no validity yet).
  v_usage_end := program_usage_end(p_program);
  UPDATE passes SET valid_until = v_usage_end
   WHERE program_id = p_program AND status = 'active' AND valid_until IS NOT NULL
     AND valid_until IS DISTINCT FROM v_usage_end;
END
$$;
--> statement-breakpoint
-- The passes handed out before this migration, in one pass over them.
UPDATE passes ps SET valid_until = e.usage_end
  FROM (SELECT DISTINCT ON (program_id) program_id, usage_end FROM program_states
         ORDER BY program_id, effective_on DESC) e
 WHERE ps.program_id = e.program_id AND ps.status = 'active' AND ps.valid_until IS NOT NULL
   AND ps.valid_until IS DISTINCT FROM e.usage_end;
