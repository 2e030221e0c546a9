-- A place's journal (GET /places/{placeId}/journal, audit/repo.ts pageForPlace): the entries
-- naming the place in their summary (a session's or a key's placeId, a team's organisationId),
-- and those whose object is the place or one of its team's invitations and memberships. Both
-- partial: the funders' entries that name no place pay nothing for them.
CREATE INDEX "audit_entries_place" ON "audit_entries" ((coalesce("summary"->>'placeId', "summary"->>'organisationId')), "id") WHERE coalesce("summary"->>'placeId', "summary"->>'organisationId') IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "audit_entries_place_object" ON "audit_entries" ("object_type", "object_id", "id") WHERE "object_type" IN ('organisation', 'invitation', 'membership');
