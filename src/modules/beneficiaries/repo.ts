import { and, eq, sql } from 'drizzle-orm';
import { forEachBatch } from '../../db/batches.js';
import type { Queryable, Tx } from '../../db/client.js';
import { booklets, passes } from '../../db/schema/index.js';

export interface Person {
  funderId: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  communeCode: string;
  audience: string;
  createdByOrganisationId: string;
  /** when the person is recorded: now, or the instant demo data replays */
  createdAt?: Date;
}

// person_name_key (migration 0016) is the same fold the unique index uses.
const samePerson = (p: { funderId: string; firstName: string; lastName: string; birthDate: string }) => sql`
  b.funder_id = ${p.funderId}
  AND person_name_key(b.last_name) = person_name_key(${p.lastName}::text)
  AND person_name_key(b.first_name) = person_name_key(${p.firstName}::text)
  AND b.birth_date = ${p.birthDate}::date`;

/**
 * The funder's beneficiary for this person, recorded now if new, locked either way: two
 * hand-outs to one person wait for each other, so the allowance is checked one at a time.
 */
export async function findOrInsertPerson(tx: Queryable, p: Person): Promise<{ id: string; isNew: boolean }> {
  const inserted = await tx.execute<{ id: string }>(sql`
    INSERT INTO beneficiaries (funder_id, first_name, last_name, birth_date, commune_code, audience, created_by_organisation_id, created_at)
    VALUES (${p.funderId}, ${p.firstName}, ${p.lastName}, ${p.birthDate}, ${p.communeCode}, ${p.audience}, ${p.createdByOrganisationId},
            coalesce(${p.createdAt?.toISOString() ?? null}::timestamptz, now()))
    ON CONFLICT (funder_id, person_name_key(last_name), person_name_key(first_name), birth_date)
      WHERE duplicate_of IS NULL DO NOTHING
    RETURNING id`);
  if (inserted.rows[0]) return { id: inserted.rows[0].id, isNew: true };
  const found = await tx.execute<{ id: string }>(sql`
    SELECT b.id FROM beneficiaries b WHERE ${samePerson(p)} AND b.duplicate_of IS NULL FOR UPDATE`);
  return { id: found.rows[0]!.id, isNew: false };
}

export interface EarlierHandOut {
  serial: string;
  passes: number;
  handedOutOn: string;
  /** The organisation that held the booklet when it was handed out. */
  prescriberId: string | null;
  /** The day it was blocked (lost or stolen), Paris time; null while it is valid. */
  blockedOn: string | null;
  /** The booklet handed to the person in its place, once blocked. */
  replacedBy: string | null;
}

/**
 * Booklets of a programme first handed to this person (rows recorded twice before the
 * identity rule included); replacements of lost booklets are not new hand-outs.
 */
export async function earlierHandOuts(
  tx: Queryable,
  programId: string,
  p: { funderId: string; firstName: string; lastName: string; birthDate: string },
): Promise<EarlierHandOut[]> {
  const { rows } = await tx.execute<EarlierHandOut & Record<string, unknown>>(sql`
    SELECT k.serial, k.size AS passes, k.handed_out_on AS "handedOutOn",
           (SELECT m.to_id FROM stock_movements m WHERE m.booklet_id = k.id ORDER BY m.id DESC LIMIT 1) AS "prescriberId",
           (k.blocked_at AT TIME ZONE 'Europe/Paris')::date::text AS "blockedOn",
           (SELECT r.serial FROM booklets r WHERE r.replaces_id = k.id ORDER BY r.handed_out_on DESC, r.serial LIMIT 1)
             AS "replacedBy"
      FROM booklets k JOIN beneficiaries b ON b.id = k.beneficiary_id
     WHERE ${samePerson(p)} AND k.program_id = ${programId}
       AND k.replaces_id IS NULL AND k.handed_out_on IS NOT NULL
     ORDER BY k.handed_out_on, k.serial`);
  return rows;
}

/**
 * Hand-outs of the programme to other people of the funder born one of these days (the
 * person's own and those it may have been typed as), with their names folded as
 * person_name_key folds them and their birth date, for the desk to compare with the person typed.
 */
export async function handOutsBornOn(
  tx: Queryable,
  programId: string,
  p: { funderId: string; firstName: string; lastName: string; birthDate: string },
  birthDates: string[],
) {
  const { rows } = await tx.execute<
    EarlierHandOut & {
      firstName: string;
      lastName: string;
      firstKey: string;
      lastKey: string;
      birthDate: string;
    } & Record<string, unknown>
  >(sql`
    SELECT k.serial, k.size AS passes, k.handed_out_on AS "handedOutOn",
           (SELECT m.to_id FROM stock_movements m WHERE m.booklet_id = k.id ORDER BY m.id DESC LIMIT 1) AS "prescriberId",
           (k.blocked_at AT TIME ZONE 'Europe/Paris')::date::text AS "blockedOn",
           (SELECT r.serial FROM booklets r WHERE r.replaces_id = k.id ORDER BY r.handed_out_on DESC, r.serial LIMIT 1)
             AS "replacedBy",
           b.first_name AS "firstName", b.last_name AS "lastName",
           person_name_key(b.first_name) AS "firstKey", person_name_key(b.last_name) AS "lastKey",
           b.birth_date::text AS "birthDate"
      FROM beneficiaries b JOIN booklets k ON k.beneficiary_id = b.id
     WHERE b.funder_id = ${p.funderId} AND b.birth_date = ANY(${sql.param(birthDates)}::date[])
       AND b.duplicate_of IS NULL
       AND k.program_id = ${programId} AND k.replaces_id IS NULL AND k.handed_out_on IS NOT NULL
       AND NOT (${samePerson(p)})
     ORDER BY k.handed_out_on, k.serial`);
  return rows;
}

/** A person's names as person_name_key folds them. */
export async function nameKeys(tx: Queryable, p: { firstName: string; lastName: string }) {
  const { rows } = await tx.execute<{ first: string; last: string }>(
    sql`SELECT person_name_key(${p.firstName}::text) AS first, person_name_key(${p.lastName}::text) AS last`,
  );
  return rows[0]!;
}

/**
 * The booklet leaves the prescriber for the person; its active passes become valid from the
 * hand-out day until the programme's usage end as amended (the database's program_usage_end,
 * which also moves them when a later amendment moves the end). Returns that last day.
 */
export async function handOut(tx: Queryable, bookletId: string, beneficiaryId: string, on: string) {
  await tx
    .update(booklets)
    .set({ status: 'handed_out', beneficiaryId, handedOutOn: on, holderId: null })
    .where(eq(booklets.id, bookletId));
  const [row] = await tx
    .update(passes)
    .set({ validFrom: on, validUntil: sql`program_usage_end(${passes.programId})` })
    .where(and(eq(passes.bookletId, bookletId), eq(passes.status, 'active')))
    .returning({ validUntil: passes.validUntil });
  return row?.validUntil ?? null;
}

/**
 * The first hand-out of this booklet if it was to this person (names as person_name_key folds
 * them, birth date, commune): the row it was recorded for, its day and the passes' last day.
 */
export async function handOutTo(
  tx: Queryable,
  bookletId: string,
  p: { firstName: string; lastName: string; birthDate: string; communeCode: string },
) {
  const { rows } = await tx.execute<{ beneficiaryId: string; handedOutOn: string; validUntil: string }>(sql`
    SELECT k.beneficiary_id AS "beneficiaryId", k.handed_out_on::text AS "handedOutOn",
           (SELECT max(s.valid_until)::text FROM passes s WHERE s.booklet_id = k.id) AS "validUntil"
      FROM booklets k JOIN beneficiaries b ON b.id = k.beneficiary_id
     WHERE k.id = ${bookletId} AND k.status = 'handed_out' AND k.replaces_id IS NULL
       AND person_name_key(b.last_name) = person_name_key(${p.lastName}::text)
       AND person_name_key(b.first_name) = person_name_key(${p.firstName}::text)
       AND b.birth_date = ${p.birthDate}::date AND b.commune_code = ${p.communeCode}`);
  return rows[0];
}

export async function replacementOf(tx: Queryable, bookletId: string) {
  const [row] = await tx.select({ id: booklets.id }).from(booklets).where(eq(booklets.replacesId, bookletId));
  return row;
}

/**
 * The passes of a blocked booklet that its block cancelled: what its holder lost unused. Not
 * its cancelled passes: a replacement larger than its loss had some struck out when handed over.
 */
export async function lostPassesOf(tx: Queryable, bookletId: string): Promise<number> {
  const [row] = await tx.select({ n: booklets.lostPasses }).from(booklets).where(eq(booklets.id, bookletId));
  return row?.n ?? 0;
}

/**
 * Cancels the last `count` passes of a booklet not used yet (in their order in the booklet),
 * for a replacement larger than what was lost: their codes, for the agent to strike out on the
 * paper, and the value of those that were active, which leaves circulation.
 */
export async function cancelSurplus(tx: Queryable, bookletId: string, count: number) {
  const { rows } = await tx.execute<{ code: string; was: string; value: number }>(sql`
    WITH target AS (
      SELECT id, status AS was, face_value_cents FROM passes
       WHERE booklet_id = ${bookletId} AND status IN ('issued', 'active')
       ORDER BY id DESC LIMIT ${count} FOR UPDATE
    )
    UPDATE passes p SET status = 'cancelled' FROM target t WHERE p.id = t.id
    RETURNING p.id, p.code, t.was, t.face_value_cents AS value`);
  const sorted = [...rows].sort((a, b) => a.code.localeCompare(b.code));
  return {
    codes: sorted.map((r) => r.code),
    value: rows.filter((r) => r.was === 'active').reduce((t, r) => t + Number(r.value), 0),
  };
}

export async function markReplacement(tx: Queryable, bookletId: string, replacesId: string) {
  await tx.update(booklets).set({ replacesId }).where(eq(booklets.id, bookletId));
}

/** How a page of hand-outs is ordered; the serial, unique, breaks ties in the same direction. */
export interface HandedOutOrder {
  sort: 'handedOutOn' | 'serial' | 'beneficiary' | 'passesUsed';
  order: 'asc' | 'desc';
}

export interface HandedOutRow {
  serial: string;
  programId: string;
  status: string;
  handedOutOn: string;
  initials: string;
  passes: number;
  passesUsed: number;
  passesStruck: number;
  replacesSerial: string | null;
  replacedBy: string | null;
}

/** A booklet handed out as the organisation's list shows it (`k` the booklet, `b` its person). */
const handedOutColumns = sql`
  k.serial, k.program_id AS "programId", k.status, k.handed_out_on::text AS "handedOutOn",
  CASE WHEN b.first_name IS NULL OR b.last_name IS NULL THEN '—'
       ELSE upper(left(b.first_name, 1)) || '. ' || upper(left(b.last_name, 1)) || '.' END AS initials,
  k.size AS passes,
  (SELECT count(*)::int FROM passes p WHERE p.booklet_id = k.id AND p.status = 'redeemed') AS "passesUsed",
  -- In a booklet not blocked, a cancelled pass was struck out when it replaced a lost one.
  CASE WHEN k.status = 'blocked' THEN 0
       ELSE (SELECT count(*)::int FROM passes p WHERE p.booklet_id = k.id AND p.status = 'cancelled')
  END AS "passesStruck",
  -- The link a replacement made, both ways: the desk sees which booklet took which one's place.
  (SELECT o.serial FROM booklets o WHERE o.id = k.replaces_id) AS "replacesSerial",
  (SELECT r.serial FROM booklets r WHERE r.replaces_id = k.id ORDER BY r.handed_out_on DESC, r.serial LIMIT 1)
    AS "replacedBy"`;

/** The booklets the organisation handed out: it held them last. */
const handedOutByOrganisation = (organisationId: string) => sql`
  k.id IN (SELECT m.booklet_id FROM stock_movements m WHERE m.to_id = ${organisationId})
  AND k.handed_out_on IS NOT NULL AND k.holder_id IS NULL
  AND (SELECT m.to_id FROM stock_movements m WHERE m.booklet_id = k.id ORDER BY m.id DESC LIMIT 1)
      = ${organisationId}`;

/** A period of hand-outs, its days inclusive; a side left open is not bounded. */
export interface HandOutPeriod {
  from?: string | undefined;
  to?: string | undefined;
}

const withinPeriod = ({ from, to }: HandOutPeriod) => sql`
  ${from ? sql`AND k.handed_out_on >= ${from}::date` : sql``}
  ${to ? sql`AND k.handed_out_on <= ${to}::date` : sql``}`;

/**
 * The booklets an organisation handed out (it held them last) in the period, a page in the
 * order asked, and how many there are: serial, day, the person's initials only (enough for an
 * agent to recognise a lost booklet, nothing to identify the person by; « — » once erased) and
 * public, how many passes were used, and the booklet it replaced or that replaced it. The
 * serial breaks ties, so that a page never repeats or skips a booklet of the one before.
 */
export async function handedOutBy(
  tx: Queryable,
  organisationId: string,
  by: HandedOutOrder & HandOutPeriod,
  offset: number,
  /** null: every one of them (the period's file) */
  limit: number | null,
) {
  const dir = by.order === 'asc' ? sql`ASC` : sql`DESC`;
  const key = {
    handedOutOn: sql`k.handed_out_on`,
    serial: null,
    // The initials as shown, case and accents aside (the database's collation puts É after Z);
    // an erased person (« — ») last either way.
    beneficiary: sql`CASE WHEN b.first_name IS NOT NULL AND b.last_name IS NOT NULL
      THEN person_name_key(left(b.first_name, 1)) || ' ' || person_name_key(left(b.last_name, 1)) END`,
    passesUsed: sql`"passesUsed"`,
  }[by.sort];
  const { rows } = await tx.execute<HandedOutRow & { audience: string } & Record<string, unknown>>(sql`
    SELECT ${handedOutColumns}, b.audience
      FROM booklets k LEFT JOIN beneficiaries b ON b.id = k.beneficiary_id
     WHERE ${handedOutByOrganisation(organisationId)} ${withinPeriod(by)}
     ORDER BY ${key ? sql`${key} ${dir} NULLS LAST,` : sql``} k.serial ${dir}
    OFFSET ${offset} LIMIT ${limit}`);
  return { rows, totals: await handedOutTotals(tx, organisationId, by) };
}

/**
 * What the organisation's hand-outs of the period add up to, for its monthly report: the
 * booklets, of which replacements of lost ones; the people given a first booklet (one handed
 * in a lost one's place is the same person served again, not one more); the passes handed
 * over, those struck out of a replacement beyond the loss left out.
 */
async function handedOutTotals(tx: Queryable, organisationId: string, period: HandOutPeriod) {
  const { rows } = await tx.execute<{
    booklets: number;
    replacements: number;
    people: number;
    passes: number;
  }>(sql`
    SELECT count(*)::int AS booklets,
           count(*) FILTER (WHERE k.replaces_id IS NOT NULL)::int AS replacements,
           count(DISTINCT k.beneficiary_id) FILTER (WHERE k.replaces_id IS NULL)::int AS people,
           coalesce(sum(k.size - CASE WHEN k.status = 'blocked' THEN 0 ELSE
             (SELECT count(*) FROM passes p WHERE p.booklet_id = k.id AND p.status = 'cancelled') END), 0)::int
             AS passes
      FROM booklets k
     WHERE ${handedOutByOrganisation(organisationId)} ${withinPeriod(period)}`);
  return rows[0]!;
}

/**
 * The booklets the organisation handed out to people born one of these days (not erased), with
 * their names folded as person_name_key folds them, their birth date and commune, for the
 * service to keep those of the person the desk typed: the names themselves never leave this
 * module. The person's id (the row of which a duplicate is one, as the funder's search shows
 * it) is for the journal.
 */
export async function handedOutToBornOn(tx: Queryable, organisationId: string, birthDates: string[]) {
  const { rows } = await tx.execute<
    HandedOutRow & {
      firstKey: string;
      lastKey: string;
      birthDate: string;
      communeCode: string;
      personId: string;
    } & Record<string, unknown>
  >(sql`
    SELECT ${handedOutColumns}, b.commune_code AS "communeCode",
           coalesce(b.duplicate_of, b.id) AS "personId", b.birth_date::text AS "birthDate",
           person_name_key(b.first_name) AS "firstKey", person_name_key(b.last_name) AS "lastKey"
      FROM booklets k JOIN beneficiaries b ON b.id = k.beneficiary_id
     WHERE b.birth_date = ANY(${sql.param(birthDates)}::date[]) AND b.erased_at IS NULL
       AND ${handedOutByOrganisation(organisationId)}
     ORDER BY k.handed_out_on DESC, k.serial DESC`);
  return rows;
}

/*
 * A person's data, for the funder that recorded it (person-data.ts). A person is the row that
 * holds the identity and the rows marked as its duplicates (migration 0016): `coalesce(duplicate_of,
 * id)` names the person of any row.
 */

export interface PersonRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  communeCode: string;
  audience: string;
  recordedAt: Date;
  recordedBy: string | null;
  erasedAt: Date | null;
  booklets: number;
  lastHandOutOn: string | null;
}

const personColumns = sql`
  p.id, p.first_name AS "firstName", p.last_name AS "lastName", p.birth_date::text AS "birthDate",
  p.commune_code AS "communeCode", p.audience, p.created_at AS "recordedAt",
  p.created_by_organisation_id AS "recordedBy", p.erased_at AS "erasedAt",
  (SELECT count(*)::int FROM booklets k JOIN beneficiaries r ON r.id = k.beneficiary_id
    WHERE coalesce(r.duplicate_of, r.id) = p.id AND k.replaces_id IS NULL) AS booklets,
  (SELECT max(k.handed_out_on)::text FROM booklets k JOIN beneficiaries r ON r.id = k.beneficiary_id
    WHERE coalesce(r.duplicate_of, r.id) = p.id) AS "lastHandOutOn"`;

const asPerson = (r: Record<string, unknown>) =>
  ({
    ...r,
    recordedAt: new Date(r.recordedAt as string),
    erasedAt: r.erasedAt ? new Date(r.erasedAt as string) : null,
  }) as PersonRow;

/**
 * The funder's people whose first and last names hold a word starting with each word of
 * `name` (case, accents and hyphens aside, as person_name_key folds them), by last name.
 * A scan of the funder's people: a search made for a person's request, not at every visit.
 */
export async function peopleNamed(tx: Queryable, funderId: string, name: string, limit: number) {
  const { rows } = await tx.execute(sql`
    SELECT ${personColumns}
      FROM beneficiaries p
     WHERE p.funder_id = ${funderId} AND p.duplicate_of IS NULL AND p.erased_at IS NULL
       AND NOT EXISTS (
         SELECT 1 FROM unnest(string_to_array(person_name_key(${name}::text), ' ')) w
          WHERE position(' ' || w IN ' ' || person_name_key(p.first_name) || ' ' || person_name_key(p.last_name)) = 0)
     ORDER BY person_name_key(p.last_name), person_name_key(p.first_name), p.birth_date, p.id
     LIMIT ${limit}`);
  return rows.map(asPerson);
}

/** The person a booklet of the funder was handed to, erased or not. */
export async function personHolding(tx: Queryable, funderId: string, serial: string) {
  const { rows } = await tx.execute(sql`
    SELECT ${personColumns}
      FROM booklets k JOIN beneficiaries r ON r.id = k.beneficiary_id
      JOIN beneficiaries p ON p.id = coalesce(r.duplicate_of, r.id)
     WHERE k.serial = ${serial} AND k.funder_id = ${funderId}`);
  return rows.map(asPerson);
}

/** The person holding the booklet of a pass (its code canonical), within the funder. */
export async function personHoldingPass(tx: Queryable, funderId: string, code: string) {
  const { rows } = await tx.execute(sql`
    SELECT ${personColumns}
      FROM passes s JOIN booklets k ON k.id = s.booklet_id
      JOIN beneficiaries r ON r.id = k.beneficiary_id
      JOIN beneficiaries p ON p.id = coalesce(r.duplicate_of, r.id)
     WHERE s.code = ${code} AND k.funder_id = ${funderId}`);
  return rows.map(asPerson);
}

export async function findPerson(tx: Queryable, funderId: string, id: string, lock = false) {
  const { rows } = await tx.execute(sql`
    SELECT ${personColumns}
      FROM beneficiaries p
     WHERE p.id = ${id} AND p.funder_id = ${funderId} AND p.duplicate_of IS NULL
     ${lock ? sql`FOR UPDATE` : sql``}`);
  return rows[0] ? asPerson(rows[0]) : undefined;
}

export interface PersonBooklet {
  bookletId: string;
  serial: string;
  programId: string;
  status: string;
  handedOutOn: string;
  /** The organisation that held the booklet when it was handed out. */
  prescriberId: string | null;
  blockedOn: string | null;
  blockReason: string | null;
  replacesSerial: string | null;
  passes: number;
  passesUsed: number;
  validUntil: string | null;
  passIds: number[];
}

/** Every booklet handed to the person, with its passes' ids (for the sessions they paid). */
export async function bookletsOfPerson(tx: Queryable, personId: string): Promise<PersonBooklet[]> {
  const { rows } = await tx.execute<PersonBooklet & Record<string, unknown>>(sql`
    SELECT k.id AS "bookletId", k.serial, k.program_id AS "programId", k.status,
           k.handed_out_on::text AS "handedOutOn",
           (SELECT m.to_id FROM stock_movements m WHERE m.booklet_id = k.id ORDER BY m.id DESC LIMIT 1) AS "prescriberId",
           (k.blocked_at AT TIME ZONE 'Europe/Paris')::date::text AS "blockedOn", k.block_reason AS "blockReason",
           (SELECT o.serial FROM booklets o WHERE o.id = k.replaces_id) AS "replacesSerial",
           k.size AS passes,
           (SELECT count(*)::int FROM passes s WHERE s.booklet_id = k.id AND s.status = 'redeemed') AS "passesUsed",
           (SELECT max(s.valid_until)::text FROM passes s WHERE s.booklet_id = k.id) AS "validUntil",
           ARRAY(SELECT s.id FROM passes s WHERE s.booklet_id = k.id ORDER BY s.id) AS "passIds"
      FROM booklets k JOIN beneficiaries r ON r.id = k.beneficiary_id
     WHERE coalesce(r.duplicate_of, r.id) = ${personId}
     ORDER BY k.handed_out_on, k.serial`);
  return rows.map((r) => ({ ...r, passIds: (r.passIds as (number | string)[]).map(Number) }));
}

/** Empties the person's names and birth date, on every row of the person; the rows stay. */
/**
 * Rewrites a person's identity, the one change of names and birth date the database lets
 * through (migration 0058), for this transaction only.
 */
export async function rectifyPerson(
  tx: Queryable,
  personId: string,
  identity: { firstName: string; lastName: string; birthDate: string },
): Promise<void> {
  await tx.execute(sql`SELECT set_config('passnum.rectifying', 'on', true)`);
  await tx.execute(sql`
    UPDATE beneficiaries SET first_name = ${identity.firstName}, last_name = ${identity.lastName},
           birth_date = ${identity.birthDate}::date
     WHERE coalesce(duplicate_of, id) = ${personId} AND erased_at IS NULL`);
  await tx.execute(sql`SELECT set_config('passnum.rectifying', 'off', true)`);
}

export async function erasePerson(tx: Queryable, personId: string): Promise<number> {
  const { rowCount } = await tx.execute(sql`
    UPDATE beneficiaries SET first_name = NULL, last_name = NULL, birth_date = NULL, erased_at = now()
     WHERE coalesce(duplicate_of, id) = ${personId} AND erased_at IS NULL`);
  return rowCount ?? 0;
}

/**
 * Erases the funder's people every one of whose booklets belongs to a programme whose
 * retention ended on or before `today` (`dueOn` by programme: its closure plus the funder's
 * months). A person with a booklet of a programme not listed is kept.
 */
export async function eraseDue(
  tx: Queryable,
  funderId: string,
  dueOn: { programId: string; dueOn: string }[],
  today: string,
): Promise<number> {
  const { rows } = await tx.execute<{ people: number }>(sql`
    WITH due AS (
      SELECT * FROM unnest(${sql.param(dueOn.map((d) => d.programId))}::uuid[], ${sql.param(dueOn.map((d) => d.dueOn))}::date[])
        AS d(program_id, due_on)
    ), people AS (
      SELECT coalesce(r.duplicate_of, r.id) AS person
        FROM beneficiaries r JOIN booklets k ON k.beneficiary_id = r.id
        LEFT JOIN due d ON d.program_id = k.program_id
       WHERE r.funder_id = ${funderId}
       GROUP BY 1
      HAVING bool_and(d.due_on IS NOT NULL AND d.due_on <= ${today}::date)
         AND bool_or(r.erased_at IS NULL)
    )
    , erased AS (
      UPDATE beneficiaries b SET first_name = NULL, last_name = NULL, birth_date = NULL, erased_at = now()
        FROM people
       WHERE coalesce(b.duplicate_of, b.id) = people.person AND b.erased_at IS NULL
      RETURNING people.person
    )
    SELECT count(DISTINCT person)::int AS people FROM erased`);
  return rows[0]!.people;
}

/**
 * The people a programme's booklets were handed to in a period, each counted once, by the
 * audience and commune recorded for them (of the row that holds the person: rows recorded twice
 * before the identity rule are one person). Only these two columns and the rows' ids are read:
 * names and birth dates may have been erased, and the figures must not move when they are.
 */
export async function peopleReached(tx: Queryable, programId: string, from: string, to: string) {
  const { rows } = await tx.execute<{ audience: string; communeCode: string; people: number }>(sql`
    SELECT p.audience, p.commune_code AS "communeCode", count(DISTINCT p.id)::int AS people
      FROM booklets k JOIN beneficiaries r ON r.id = k.beneficiary_id
      JOIN beneficiaries p ON p.id = coalesce(r.duplicate_of, r.id)
     WHERE k.program_id = ${programId} AND k.handed_out_on BETWEEN ${from}::date AND ${to}::date
     GROUP BY p.audience, p.commune_code`);
  return rows;
}

export interface PersonOfFunder {
  id: string;
  pseudonym: string;
  lastName: string | null;
  firstName: string | null;
  birthDate: string | null;
  communeCode: string;
  audience: string;
  recordedOn: string;
  erasedOn: string | null;
}

/** Every person the funder recorded, a batch at a time (its export). */
export function forEachPersonOfFunder(
  tx: Tx,
  funderId: string,
  each: (rows: PersonOfFunder[]) => void | Promise<void>,
) {
  return forEachBatch(
    tx,
    sql`
    SELECT id, pseudonym, last_name AS "lastName", first_name AS "firstName",
           to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", commune_code AS "communeCode", audience,
           to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "recordedOn",
           to_char(erased_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "erasedOn"
      FROM beneficiaries
     WHERE funder_id = ${funderId} AND duplicate_of IS NULL
     ORDER BY created_at, id`,
    each,
  );
}
