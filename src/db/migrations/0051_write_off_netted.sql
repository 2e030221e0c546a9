-- A write-off gives up the rest of a chain of transfers (migration 0043) and never more: the
-- database refuses one (issue 12; payments/service.ts writeOffRemainder decides the same first)
--  * while a pass of the place cancelled after its statement waits for the statement that
--    deducts it (0049's place_pending_adjustments): written off too, it would be taken twice;
--  * while a statement of the place below zero, issued and in no transfer, is left aside: the
--    write-off nets it (it is linked to the chain) rather than let it be deducted again later;
--  * beyond the chain's statements' total less what its transfers were paid.
CREATE FUNCTION check_write_off() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_root record;
  v_rest bigint;
BEGIN
  SELECT id, program_id, place_id INTO v_root FROM payment_transfers
   WHERE id = NEW.transfer_id AND complement_of IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'a write-off is made on the first transfer of its chain' USING ERRCODE = 'check_violation';
  END IF;
  IF place_pending_adjustments(v_root.program_id, v_root.place_id) > 0 THEN
    RAISE EXCEPTION 'write-off while cancellations of place % wait for their statement', v_root.place_id
      USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (
    SELECT 1 FROM statements s
     WHERE s.program_id = v_root.program_id AND s.place_id = v_root.place_id
       AND s.status = 'issued' AND s.total_cents < 0
       AND NOT EXISTS (SELECT 1 FROM payment_transfer_statements l WHERE l.statement_id = s.id AND l.live)
  ) THEN
    RAISE EXCEPTION 'write-off leaving a statement below zero of place % aside', v_root.place_id
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT (SELECT coalesce(sum(s.total_cents), 0) FROM payment_transfers x
            JOIN payment_transfer_statements l ON l.transfer_id = x.id AND l.live
            JOIN statements s ON s.id = l.statement_id
           WHERE x.id = v_root.id OR x.complement_of = v_root.id)
       - (SELECT coalesce(sum(x.paid_cents), 0) FROM payment_transfers x
           WHERE (x.id = v_root.id OR x.complement_of = v_root.id) AND x.status IN ('paid', 'partial'))
    INTO v_rest;
  IF NEW.amount_cents > v_rest THEN
    RAISE EXCEPTION 'write-off of % beyond the rest of the chain (%)', NEW.amount_cents, v_rest
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payment_write_offs_check BEFORE INSERT ON payment_write_offs
  FOR EACH ROW EXECUTE FUNCTION check_write_off();
