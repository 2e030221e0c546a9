-- The audit trail against someone with database access (docs/architecture.md, "Audit").
--
-- Writer proofs: every entry carries a MAC computed by the application with a key the
-- database never holds (derived from AUDIT_SIGNING_KEY_FILE; the column and audit_append's
-- parameter come with migration 0014); an entry inserted by hand has none, and `audit verify`
-- names it. Entries written before this migration have none either:
-- the epoch-0 row records where proofs begin.
-- Epochs: transaction ids start again on a new server (a restore), so a seal's range of
-- writing transactions is read within its epoch, a range of entry ids opened at the restore.
CREATE TABLE "audit_epochs" (
	"epoch" integer PRIMARY KEY NOT NULL,
	"first_entry_id" bigint NOT NULL,
	"proofs_from" bigint NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
INSERT INTO audit_epochs (epoch, first_entry_id, proofs_from, reason)
SELECT 0, 0, coalesce(max(id), 0) + 1, 'origin' FROM audit_entries;
--> statement-breakpoint
CREATE TRIGGER audit_epochs_append_only BEFORE UPDATE OR DELETE ON audit_epochs
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
CREATE TRIGGER audit_epochs_no_truncate BEFORE TRUNCATE ON audit_epochs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
--> statement-breakpoint
-- Seals are signed (Ed25519) by the sealer; older seals stay unsigned, vouched for by the
-- first signed seal, which continues their chain.
ALTER TABLE "audit_seals" ADD COLUMN "epoch" integer DEFAULT 0 NOT NULL REFERENCES audit_epochs(epoch);
--> statement-breakpoint
ALTER TABLE "audit_seals" ALTER COLUMN "epoch" DROP DEFAULT;
--> statement-breakpoint
ALTER TABLE "audit_seals" ADD COLUMN "key_id" text;
--> statement-breakpoint
ALTER TABLE "audit_seals" ADD COLUMN "signature" text;
