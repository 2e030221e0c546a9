-- One funder of a name, folded as person_name_key folds it (migration 0016: case, accents,
-- hyphens and spaces), as the service's check folds it (funders/repo.ts findFunderByName).
-- The check alone let two creations or renames at the same instant both find the name free;
-- people choose a funder from lists of names, and its money and reports are its own.
-- Funders recorded before the check (API 1.27.0) may share a name: no name is changed here
-- behind the operator's back (a correction is journaled with its reason), the upgrade stops
-- and names them, to be corrected on the version in service before upgrading again.
DO $$
DECLARE
  namesakes text;
BEGIN
  SELECT string_agg(format('« %s » (%s)', names, ids), ' ; ')
    INTO namesakes
    FROM (SELECT string_agg(name, ' / ' ORDER BY created_at, id) AS names,
                 string_agg(id::text, ', ' ORDER BY created_at, id) AS ids
            FROM funders
           GROUP BY person_name_key(name)
          HAVING count(*) > 1) d;
  IF namesakes IS NOT NULL THEN
    RAISE EXCEPTION 'Des financeurs portent le même nom : %', namesakes
      USING HINT = 'Corrigez leur nom (identité du financeur) avec la version en service, puis relancez la mise à jour.';
  END IF;
END $$;
--> statement-breakpoint
CREATE UNIQUE INDEX "funders_name" ON "funders" (person_name_key("name"));
