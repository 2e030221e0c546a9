-- A transfer is never recorded paid beyond its amount: a bank statement debiting more than the
-- transfer asked for is the bank's error, to settle with it, not a payment to the place
-- (payments/reconciliation.ts says so to the user). NOT VALID so that an installation where it
-- was once accepted still migrates; every later write is checked.
ALTER TABLE payment_transfers ADD CONSTRAINT payment_transfers_paid_within_amount
  CHECK (paid_cents IS NULL OR paid_cents <= amount_cents) NOT VALID;
