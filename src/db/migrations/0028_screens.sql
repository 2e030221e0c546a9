-- Issue 11, point 7: a prescriber's list of the booklets it handed out starts from the
-- movements that reached it; the audit journal filtered by action within a funder.
CREATE INDEX stock_movements_to ON stock_movements (to_id);
--> statement-breakpoint
CREATE INDEX audit_entries_funder_action ON audit_entries (funder_id, action, id);
