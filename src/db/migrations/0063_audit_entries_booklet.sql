-- A booklet's story, read by its serial: its hand-out, its block, its replacement, from the
-- journal (stock.movementsOf). Partial: the redemptions' entries, the bulk of the journal, are
-- not booklets' and pay nothing for it.
CREATE INDEX "audit_entries_booklet" ON "audit_entries" ("object_id", "id") WHERE "object_type" = 'booklet';
