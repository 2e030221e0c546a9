-- A funder's admin finds the places of the platform by name (funders/repo.ts placesNamed), one
-- search per key typed: each word must start a word of the name folded by person_name_key
-- (migration 0016). That test has no index to use, so every search read every place and folded
-- its name. The query also asks, word by word, that the folded name contain the word (a LIKE
-- '%…%'), which a trigram index on the folded name serves; pg_trgm is there since 0068.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "organisations_place_name_trgm" ON "organisations" USING gin (person_name_key("name") gin_trgm_ops)
  WHERE "kind" = 'place';
