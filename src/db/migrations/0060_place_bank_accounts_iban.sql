-- The places paid into one account: a payment run reads, for each transfer, the other places
-- whose account has its IBAN (two places paid into one account is a diverted payment's mark).
CREATE INDEX "place_bank_accounts_iban" ON "place_bank_accounts" ("iban");
