-- The public directory (issue 11, point 5): a programme's places filtered by service, commune,
-- postcode and distance. A search starts from the programme's approved places (program_places'
-- key); these indexes serve the filters when a programme has thousands of places, and a
-- search of every place by area (the national cartography's, later).
CREATE INDEX "place_profiles_services" ON "place_profiles" USING gin ("services");--> statement-breakpoint
-- The bounding box tried before the exact (haversine) distance; no PostGIS.
CREATE INDEX "place_profiles_coordinates" ON "place_profiles" ("latitude", "longitude") WHERE "latitude" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "place_profiles_postcode" ON "place_profiles" ("postcode");--> statement-breakpoint
CREATE INDEX "organisations_place_commune" ON "organisations" ("commune_code") WHERE "kind" = 'place';
