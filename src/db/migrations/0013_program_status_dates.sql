-- Issue 9, points 1, 3 and 6: a programme's status as of a day, readable by the database;
-- decisions not dated after they take effect; booklet serial prefixes that cannot collide.

-- Reading a programme's amendments up to a day is now on the redemption path.
CREATE INDEX "program_amendments_program_effective" ON "program_amendments" USING btree ("program_id", "effective_on");
--> statement-breakpoint
-- A deliberation cannot take effect before it was decided (older rows are left as they are).
ALTER TABLE "program_amendments" ADD CONSTRAINT "program_amendments_decided_before_effect" CHECK ("decided_on" <= "effective_on") NOT VALID;
--> statement-breakpoint
/*
 * The status of a programme on a day, as src/core/program/status.ts derives it (phaseOf):
 * each field is the value set by the last amendment, in the order of
 * core/program/order.ts (effective date, creation first, decision date, number, id),
 * effective on or before the day that carries it; calendar keys merge one by one.
 */
CREATE FUNCTION program_status(p_program uuid, p_day date) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH applied AS (
    SELECT kind, changes, changes -> 'calendar' AS cal,
           row_number() OVER (ORDER BY effective_on DESC, (kind = 'creation'), decided_on DESC,
                                       number COLLATE "C" DESC, id DESC) AS latest_first
    FROM program_amendments
    WHERE program_id = p_program AND effective_on <= p_day
  ), state AS (
    SELECT bool_or(kind = 'creation') AS decided,
      (array_agg(changes ->> 'status' ORDER BY latest_first) FILTER (WHERE changes ? 'status'))[1] AS status,
      (array_agg(cal ->> 'distributionStart' ORDER BY latest_first) FILTER (WHERE cal ? 'distributionStart'))[1]::date AS distribution_start,
      (array_agg(cal ->> 'distributionEnd' ORDER BY latest_first) FILTER (WHERE cal ? 'distributionEnd'))[1]::date AS distribution_end,
      (array_agg(cal ->> 'usageEnd' ORDER BY latest_first) FILTER (WHERE cal ? 'usageEnd'))[1]::date AS usage_end,
      (array_agg(cal ->> 'closure' ORDER BY latest_first) FILTER (WHERE cal ? 'closure'))[1]::date AS closure
    FROM applied
  )
  SELECT CASE
    WHEN NOT coalesce(decided, false) THEN 'upcoming'
    WHEN status = 'closed' OR p_day > closure THEN 'closed'
    WHEN status = 'suspended' THEN 'suspended'
    WHEN status = 'draft' OR p_day < distribution_start THEN 'upcoming'
    WHEN p_day <= distribution_end THEN 'running'
    WHEN p_day <= usage_end THEN 'distribution_closed'
    ELSE 'usage_closed'
  END
  FROM state
$$;
--> statement-breakpoint
/*
 * Whether a programme's status on a day allows an action: the table ALLOWED of
 * src/core/program/status.ts (a test checks that both agree). For the redemption rule.
 */
CREATE FUNCTION program_allows(p_program uuid, p_day date, p_action text) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  IF p_action IS NULL OR p_action NOT IN ('issue', 'allocate', 'hand_out', 'redeem') THEN
    RAISE EXCEPTION 'program_allows: unknown action %', p_action USING ERRCODE = '22023';
  END IF;
  RETURN CASE program_status(p_program, p_day)
    WHEN 'upcoming' THEN p_action IN ('issue', 'allocate')
    WHEN 'running' THEN true
    WHEN 'distribution_closed' THEN p_action = 'redeem'
    ELSE false
  END;
END
$$;
--> statement-breakpoint
/*
 * Booklet serials start with their programme's prefix. It used to be the first five hex
 * digits of the programme's id, so two programmes could share it and the second could not
 * issue. Each programme now draws its own from a sequence: 'C' and five base-36 digits
 * (60 million programmes); old prefixes all begin with 'P', so none can meet a new one.
 */
CREATE SEQUENCE "program_serial_prefix_seq";
--> statement-breakpoint
CREATE FUNCTION next_serial_prefix() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  n bigint := nextval('program_serial_prefix_seq');
  digits text := '';
BEGIN
  WHILE n > 0 LOOP
    digits := substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', (n % 36)::int + 1, 1) || digits;
    n := n / 36;
  END LOOP;
  RETURN 'C' || lpad(digits, 5, '0');
END
$$;
--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "serial_prefix" text;
--> statement-breakpoint
-- Programmes that already issued keep the prefix printed on their booklets.
UPDATE "programs" p SET "serial_prefix" = coalesce(
  (SELECT split_part(b.serial, '-', 1) FROM booklets b WHERE b.program_id = p.id LIMIT 1),
  next_serial_prefix());
--> statement-breakpoint
ALTER TABLE "programs" ALTER COLUMN "serial_prefix" SET DEFAULT next_serial_prefix();
--> statement-breakpoint
ALTER TABLE "programs" ALTER COLUMN "serial_prefix" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_serial_prefix_unique" UNIQUE("serial_prefix");
