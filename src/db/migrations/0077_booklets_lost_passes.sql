-- What a booklet's block cancelled: the passes its holder lost unused, which a replacement gives
-- back and no more (beneficiaries' replace). Counting the booklet's cancelled passes instead also
-- counted those a replacement larger than its loss had struck out when handed over, so that a
-- replacement lost in turn was replaced by more passes than its holder had. Booklets blocked
-- before this column take the count their block's audit entry recorded.
ALTER TABLE "booklets" ADD COLUMN "lost_passes" integer;--> statement-breakpoint
UPDATE "booklets" b SET "lost_passes" = coalesce(
  (SELECT (a.summary->>'cancelledPasses')::int FROM audit_entries a
    WHERE a.object_type = 'booklet' AND a.object_id = b.serial AND a.action = 'booklet.block'
    ORDER BY a.id DESC LIMIT 1),
  (SELECT count(*)::int FROM passes p WHERE p.booklet_id = b.id AND p.status = 'cancelled'))
 WHERE b.status = 'blocked';--> statement-breakpoint
ALTER TABLE "booklets" ADD CONSTRAINT "booklets_lost_passes"
  CHECK (("status" = 'blocked') = ("lost_passes" IS NOT NULL) AND "lost_passes" BETWEEN 0 AND "size");
