-- Rotation of the audit signing key (docs/architecture.md, "Audit"; `audit rotate-key`). A
-- hand-over is a seal of no entries, signed by the outgoing key and countersigned by the
-- incoming one, that carries both public keys and the earlier keys' writer-proof keys
-- encrypted for the incoming key: `audit verify` follows the chain of keys from the database
-- and the key in service alone. Seals after it are signed by the incoming key.
ALTER TABLE "audit_seals" ADD COLUMN "hand_over" jsonb;
--> statement-breakpoint
-- A hand-over covers no entries: the chain of keys cannot hide entries in one.
ALTER TABLE "audit_seals" ADD CONSTRAINT "audit_seals_hand_over_empty"
  CHECK ("hand_over" IS NULL OR cardinality("entry_ids") = 0);
--> statement-breakpoint
-- Read at every start (the keys handed over, which a start refuses) and by every verification.
CREATE INDEX "audit_seals_hand_over" ON "audit_seals" ("seq") WHERE "hand_over" IS NOT NULL;
