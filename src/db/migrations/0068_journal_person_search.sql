-- The journal's « Personne » filter (audit/repo.ts) looks for part of a name or e-mail: among
-- the users first (the accounts named), then in the entries written by those accounts, whose
-- recorded label holds the text, or about those accounts. A contains-search (ILIKE '%…%') has
-- no B-tree to use: at 300,000 entries a rare name read every entry of the funder (0.3-0.6 s),
-- for five rows. Trigram indexes serve ILIKE '%…%' on the very columns the query compares; the
-- accounts' entries are found by author and by the account they are about.
-- pg_trgm ships with PostgreSQL and is trusted: the database's owner creates it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "audit_entries_actor_label_trgm" ON "audit_entries" USING gin ("actor_label" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_entries_actor" ON "audit_entries" ("actor_user_id", "id");--> statement-breakpoint
CREATE INDEX "audit_entries_user" ON "audit_entries" ("object_id", "id") WHERE "object_type" = 'user';--> statement-breakpoint
CREATE INDEX "users_display_name_trgm" ON "users" USING gin ("display_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_email_trgm" ON "users" USING gin ("email" gin_trgm_ops);
