-- The printer's file of a batch is read a page of booklets at a time, in serial order
-- (passes/repo.ts batchCodesPage), so that an issue of a million passes is never held whole in
-- the server's memory: each page is found by this index, from the last serial sent, instead of
-- sorting every booklet of the batch again. It also serves the lookups by batch alone.
DROP INDEX "booklets_batch";--> statement-breakpoint
CREATE INDEX "booklets_batch" ON "booklets" ("batch_id", "serial");
