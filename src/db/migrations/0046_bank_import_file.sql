-- The same bank statement imported twice by mistake is refused, naming the first import: the
-- file's SHA-256 is kept with each import (null for imports before this migration).
ALTER TABLE "bank_imports" ADD COLUMN "content_sha256" text;
--> statement-breakpoint
CREATE UNIQUE INDEX "bank_imports_same_file" ON "bank_imports" ("funder_id", "content_sha256")
  WHERE "content_sha256" IS NOT NULL;
