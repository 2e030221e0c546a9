-- A transfer never pays the account it is debited from. A treasurer pasting the funder's RIB as
-- her place's account (the one she had at hand) made a run whose pain.001 carried the same IBAN
-- as debtor and creditor: the bank moves the money from the funder to itself, the statement
-- reads paid, the place is never paid. The services refuse it where it is typed and where a run
-- is prepared (payments/runs.ts); this is the database's word, once per statement.
CREATE FUNCTION check_transfer_not_to_debtor() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_transfer uuid;
BEGIN
  SELECT t.id INTO v_transfer
    FROM added t
    JOIN payment_runs r ON r.id = t.run_id
    JOIN funder_bank_accounts d ON d.id = r.debtor_account_id
    JOIN place_bank_accounts a ON a.id = t.place_account_id
   WHERE a.iban = d.iban
   LIMIT 1;
  IF v_transfer IS NOT NULL THEN
    RAISE EXCEPTION 'payment transfer % pays the account its run debits', v_transfer USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payment_transfers_not_to_debtor AFTER INSERT ON payment_transfers
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_transfer_not_to_debtor();
