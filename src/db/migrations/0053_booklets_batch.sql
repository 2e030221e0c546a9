-- A programme's issues are listed with their first and last booklets, and a batch's printer
-- file is read again long after issuing (passes/repo.ts issuesOf, batchCodes): both find the
-- batch's booklets by this index, not by a scan of every booklet of the platform.
CREATE INDEX "booklets_batch" ON "booklets" ("batch_id");
