-- Redemption throughput (bench:redeem, docs/architecture.md "What bounds redemption throughput").
--
-- The references of the rows a redemption writes to rows that every redemption shares (the
-- programme of its two ledger postings, the place and the API key of its redemption row),
-- and to its own pass, are no longer foreign keys. A foreign key looks the parent up for each new row and locks it FOR
-- KEY SHARE, so that it cannot be deleted before the writer commits. Every concurrent
-- redemption batch locks the same programme, place and key rows: each lock makes the row's
-- lockers a new MultiXact (created, WAL-logged, read back by the next locker), and dirties
-- the parent's page. Measured on the database's share of bench:redeem (pgbench calling
-- redeem_passes, 8 per call, 8 clients, five alternating rounds on a shared, noisy machine):
-- with these foreign keys gone, 15-20 % less backend CPU per redemption and about as many more
-- redemptions per second; checking them once per statement with the same lock gained little
-- (the lock, not the lookups, is the cost). bench/RESULTS.md has the end-to-end figures.
--
-- What the foreign keys guaranteed still holds, checked by the database:
-- - A new row's parent exists: statement triggers look up each distinct parent of the
--   statement's new rows (a batch has one programme, one place, one key), and refuse the
--   statement (23503, like a foreign key) if one is missing.
-- - It stays: programmes, places (organisations), API keys and passes are never deleted, nor
--   their ids changed (the application closes programmes, revokes keys and cancels passes),
--   and triggers now refuse it outright, which is stricter than the foreign keys were. A
--   parent that can never go needs no lock to be held until the writer commits.
-- - A redemption's pass, place and key are facts of the record: an update may not change them.
ALTER TABLE "ledger_postings" DROP CONSTRAINT "ledger_postings_funder_id_program_id_programs_funder_id_id_fk";
--> statement-breakpoint
ALTER TABLE "redemptions" DROP CONSTRAINT "redemptions_place_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "redemptions" DROP CONSTRAINT "redemptions_api_key_id_api_keys_id_fk";
--> statement-breakpoint
-- The pass's row is the redemption's own (its conditional update locked it), yet its foreign
-- key locked it again, a WAL record for each redemption.
ALTER TABLE "redemptions" DROP CONSTRAINT "redemptions_pass_id_passes_id_fk";
--> statement-breakpoint
-- The ledger's statement check (migration 0014) also checks the postings' programmes.
CREATE OR REPLACE FUNCTION check_ledger_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_movement uuid;
  v_programs uuid[];
  v_program uuid;
  v_parent record;
BEGIN
  -- One read of the added postings for both rules: this runs for every redemption batch.
  SELECT (SELECT movement FROM added GROUP BY movement HAVING sum(amount_cents) <> 0 LIMIT 1),
         ARRAY(SELECT DISTINCT program_id FROM added
                WHERE account = 'unactivated' AND amount_cents < 0 ORDER BY 1)
    INTO v_movement, v_programs;
  IF v_movement IS NOT NULL THEN
    RAISE EXCEPTION 'ledger movement % does not balance', v_movement USING ERRCODE = 'P0001';
  END IF;
  -- The postings' programmes exist (once per programme, not per row as the foreign key did;
  -- no lock: a programme is never deleted, see above).
  FOR v_parent IN SELECT DISTINCT funder_id, program_id FROM added LOOP
    PERFORM 1 FROM programs WHERE funder_id = v_parent.funder_id AND id = v_parent.program_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'ledger posting for programme % of funder %, which does not exist',
        v_parent.program_id, v_parent.funder_id USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
  FOREACH v_program IN ARRAY v_programs LOOP
    PERFORM 1 FROM programs WHERE id = v_program FOR NO KEY UPDATE;
    IF (SELECT sum(amount_cents) FROM ledger_postings
         WHERE program_id = v_program AND account = 'unactivated') < 0 THEN
      RAISE EXCEPTION 'the unactivated balance of programme % would be negative', v_program
        USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A new redemption's pass, place and key exist (once per statement; no lock, as above).
CREATE FUNCTION check_redemption_parents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  v_pass bigint;
BEGIN
  SELECT a.pass_id INTO v_pass FROM added a WHERE NOT EXISTS (SELECT 1 FROM passes p WHERE p.id = a.pass_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'redemption of pass %, which does not exist', v_pass USING ERRCODE = 'foreign_key_violation';
  END IF;
  FOR v_id IN SELECT DISTINCT place_id FROM added LOOP
    PERFORM 1 FROM organisations WHERE id = v_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'redemption at place %, which does not exist', v_id
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
  FOR v_id IN SELECT DISTINCT api_key_id FROM added WHERE api_key_id IS NOT NULL LOOP
    PERFORM 1 FROM api_keys WHERE id = v_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'redemption with API key %, which does not exist', v_id
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER redemptions_parents AFTER INSERT ON redemptions
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_redemption_parents();
--> statement-breakpoint
CREATE FUNCTION refuse_parent_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are never deleted, nor their keys or references changed: ledger postings and redemptions refer to them',
    TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER programs_kept BEFORE DELETE ON programs
  FOR EACH ROW EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER programs_key_kept BEFORE UPDATE OF id, funder_id ON programs
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.funder_id IS DISTINCT FROM NEW.funder_id)
  EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER programs_no_truncate BEFORE TRUNCATE ON programs
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER organisations_kept BEFORE DELETE ON organisations
  FOR EACH ROW EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER organisations_key_kept BEFORE UPDATE OF id ON organisations
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER organisations_no_truncate BEFORE TRUNCATE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER api_keys_kept BEFORE DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER api_keys_key_kept BEFORE UPDATE OF id ON api_keys
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER api_keys_no_truncate BEFORE TRUNCATE ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER passes_kept BEFORE DELETE ON passes
  FOR EACH ROW EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER passes_key_kept BEFORE UPDATE OF id ON passes
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER passes_no_truncate BEFORE TRUNCATE ON passes
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_parent_change();
--> statement-breakpoint
CREATE TRIGGER redemptions_parents_kept BEFORE UPDATE OF pass_id, place_id, api_key_id ON redemptions
  FOR EACH ROW WHEN (OLD.pass_id IS DISTINCT FROM NEW.pass_id OR OLD.place_id IS DISTINCT FROM NEW.place_id
                     OR OLD.api_key_id IS DISTINCT FROM NEW.api_key_id)
  EXECUTE FUNCTION refuse_parent_change();
