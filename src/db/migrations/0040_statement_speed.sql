-- bench:statements (issue 12): a monthly run writes one statement line per redemption, and each
-- index of statement_lines is paid on every line. The surrogate `id` and its primary key index
-- served nothing that (redemption_id, kind) does not: that UNIQUE index, which guarantees that
-- a redemption is on at most one line of each kind, becomes the primary key, and the run writes
-- two index entries per line instead of three (and no identity value).
ALTER TABLE "statement_lines" DROP CONSTRAINT "statement_lines_pkey";
--> statement-breakpoint
ALTER TABLE "statement_lines" DROP COLUMN "id";
--> statement-breakpoint
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_pkey" PRIMARY KEY USING INDEX "statement_lines_redemption";
