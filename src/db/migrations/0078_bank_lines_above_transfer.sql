-- A debit above its transfer (reason amount_above_transfer) names its transfer, so that the
-- funder may record that transfer paid for its own amount, what the place was asked
-- (payments/reconciliation.ts decideLine): otherwise nothing could ever close it. Lines of that
-- reason imported before this migration have none, and can only be set aside.
ALTER TABLE "bank_import_lines" DROP CONSTRAINT "bank_import_lines_transfer";
--> statement-breakpoint
ALTER TABLE "bank_import_lines" ADD CONSTRAINT "bank_import_lines_transfer" CHECK (
  CASE
    WHEN outcome IN ('matched', 'partial', 'returned') THEN transfer_id IS NOT NULL
    WHEN outcome = 'unmatched' AND reason = 'amount_above_transfer' THEN true
    ELSE transfer_id IS NULL
  END);
--> statement-breakpoint
ALTER TABLE "bank_import_lines" DROP CONSTRAINT "bank_import_lines_decision";
--> statement-breakpoint
ALTER TABLE "bank_import_lines" ADD CONSTRAINT "bank_import_lines_decision" CHECK (
  decision IS NULL
  OR (outcome = 'partial' AND decision IN ('accept', 'reject'))
  OR (outcome = 'unmatched' AND decision = 'dismiss')
  OR (outcome = 'unmatched' AND reason = 'amount_above_transfer' AND transfer_id IS NOT NULL
      AND decision = 'accept'));
