-- The chain moves out of the entries into seals (see schema/audit.ts): sealing no longer
-- rewrites each entry, which doubled the journal's writes. Entries written before this
-- migration are chained again from the start by the first seal; verify the old chain
-- (`npm run cli -- audit verify`) before upgrading an instance that holds real history.
CREATE TABLE "audit_seals" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_seals_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"xid_from" "xid8" NOT NULL,
	"xid_to" "xid8" NOT NULL,
	"entry_ids" bigint[] NOT NULL,
	"hashes" text[] NOT NULL,
	"prev_hash" text NOT NULL,
	"last_hash" text NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_entries" DROP CONSTRAINT "audit_entries_chain_seq_unique";--> statement-breakpoint
ALTER TABLE "audit_entries" DROP CONSTRAINT "audit_entries_sealed";--> statement-breakpoint
DROP INDEX "audit_entries_unsealed";--> statement-breakpoint
CREATE INDEX "audit_entries_writer" ON "audit_entries" USING btree ("writer_xid");--> statement-breakpoint
ALTER TABLE "audit_entries" DROP COLUMN "chain_seq";--> statement-breakpoint
ALTER TABLE "audit_entries" DROP COLUMN "prev_hash";--> statement-breakpoint
ALTER TABLE "audit_entries" DROP COLUMN "hash";--> statement-breakpoint
DROP TRIGGER audit_entries_append_only ON audit_entries;--> statement-breakpoint
DROP FUNCTION audit_entries_guard();--> statement-breakpoint
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();--> statement-breakpoint
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();--> statement-breakpoint
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
