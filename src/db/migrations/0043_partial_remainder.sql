-- After a partial payment (issue 12, point 5; docs/architecture.md "Paying places: payments"):
-- the bank booked less than a transfer and the funder accepted it. The remainder is paid by a
-- complementary transfer of a later run, or written off with a reason (the place agreed to a
-- deduction). Written off is a ledger account of its own, so that the claim is closed without
-- pretending it was paid: per place and programme owed + paid + written_off = value redeemed.
ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_place";
--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_place" CHECK (
  (place_id IS NULL OR account IN ('redeemed', 'paid', 'written_off'))
  AND (account NOT IN ('paid', 'written_off') OR place_id IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_account";
--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_account" CHECK (
  account IN ('unactivated', 'outstanding', 'redeemed', 'paid', 'written_off', 'expired', 'cancelled', 'carried_out', 'carried_in')
  OR account ~ '^payer:\S'
);
--> statement-breakpoint
-- The check of 0033, a write-off moving value like a payment: from one place's 'redeemed' to
-- its 'written_off', never beyond what is owed (same advisory lock per programme and place).
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
-- A complement pays the remainder of a partial transfer (its root: complements of complements
-- point to the first transfer too). It pays the root's statements: it has no statement links of
-- its own. One complement at a time is in progress per root; a cancelled run frees it.
ALTER TABLE "payment_transfers" ADD COLUMN "complement_of" uuid REFERENCES "payment_transfers"("id");
--> statement-breakpoint
ALTER TABLE "payment_transfers" ADD CONSTRAINT "payment_transfers_complement" CHECK (complement_of <> id);
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_transfers_one_complement" ON "payment_transfers" ("complement_of")
  WHERE status IN ('prepared', 'sent');
--> statement-breakpoint
-- A run may carry a place's new statements and the complement of its earlier transfer.
ALTER TABLE "payment_transfers" DROP CONSTRAINT "payment_transfers_one_per_place";
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_transfers_one_per_place" ON "payment_transfers" ("run_id", "program_id", "place_id")
  WHERE complement_of IS NULL;
--> statement-breakpoint
-- The remainder of a partial transfer the funder decided not to pay, with its reason: a new
-- entry (the transfer and its payments stay as they were), once per transfer, never rewritten.
CREATE TABLE "payment_write_offs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transfer_id" uuid NOT NULL UNIQUE REFERENCES "payment_transfers"("id"),
	"funder_id" uuid NOT NULL REFERENCES "funders"("id"),
	"amount_cents" bigint NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid NOT NULL REFERENCES "users"("id"),
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_write_offs_amount" CHECK (amount_cents > 0),
	CONSTRAINT "payment_write_offs_reason" CHECK (length(reason) BETWEEN 1 AND 500)
);
--> statement-breakpoint
CREATE TRIGGER payment_write_offs_append_only BEFORE UPDATE OR DELETE ON payment_write_offs
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
