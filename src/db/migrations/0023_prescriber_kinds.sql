-- Prescriber organisations made by a funder (issue 11, point 2): their kind, chosen from a
-- list (mission locale, CCAS…), and a name that tells them apart within the funder. Rows
-- recorded before kinds existed (the demo's) keep none: the web app says « Non précisé ».
ALTER TABLE "organisations" ADD COLUMN "prescriber_kind" text;
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_prescriber_kind" CHECK (
  "prescriber_kind" IS NULL OR ("kind" = 'prescriber' AND "prescriber_kind" IN (
    'mission_locale', 'ccas', 'france_travail', 'association', 'etablissement_scolaire',
    'mairie', 'mediatheque', 'autre')));
--> statement-breakpoint
-- A SIRET is optional for an organisation, but kept as its 14 digits when given.
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_siret" CHECK ("siret" IS NULL OR "siret" ~ '^[0-9]{14}$');
--> statement-breakpoint
-- One prescriber of a name per funder, names folded as person_name_key does (migration 0016:
-- case, accents, hyphens and spaces), so that « CCAS de Laon » and « ccas  de laon » are one.
CREATE UNIQUE INDEX "organisations_prescriber_name" ON "organisations" ("funder_id", person_name_key("name"))
  WHERE "kind" = 'prescriber';
