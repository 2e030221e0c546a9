import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { booklets, passes } from '../../db/schema/index.js';

export interface Person {
  funderId: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  communeCode: string;
  audience: string;
  createdByOrganisationId: string;
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
    INSERT INTO beneficiaries (funder_id, first_name, last_name, birth_date, commune_code, audience, created_by_organisation_id)
    VALUES (${p.funderId}, ${p.firstName}, ${p.lastName}, ${p.birthDate}, ${p.communeCode}, ${p.audience}, ${p.createdByOrganisationId})
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
 * Hand-outs of the programme to other people of the funder born the same day, with their
 * names folded as person_name_key folds them, for the desk to compare with the person typed.
 */
export async function handOutsSameBirthDate(
  tx: Queryable,
  programId: string,
  p: { funderId: string; firstName: string; lastName: string; birthDate: string },
) {
  const { rows } = await tx.execute<
    EarlierHandOut & { firstName: string; lastName: string; firstKey: string; lastKey: string } & Record<
        string,
        unknown
      >
  >(sql`
    SELECT k.serial, k.size AS passes, k.handed_out_on AS "handedOutOn",
           (SELECT m.to_id FROM stock_movements m WHERE m.booklet_id = k.id ORDER BY m.id DESC LIMIT 1) AS "prescriberId",
           (k.blocked_at AT TIME ZONE 'Europe/Paris')::date::text AS "blockedOn",
           (SELECT r.serial FROM booklets r WHERE r.replaces_id = k.id ORDER BY r.handed_out_on DESC, r.serial LIMIT 1)
             AS "replacedBy",
           b.first_name AS "firstName", b.last_name AS "lastName",
           person_name_key(b.first_name) AS "firstKey", person_name_key(b.last_name) AS "lastKey"
      FROM beneficiaries b JOIN booklets k ON k.beneficiary_id = b.id
     WHERE b.funder_id = ${p.funderId} AND b.birth_date = ${p.birthDate}::date AND b.duplicate_of IS NULL
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

/** The booklet leaves the prescriber for the person; its active passes become valid on the hand-out day. */
export async function handOut(
  tx: Queryable,
  bookletId: string,
  beneficiaryId: string,
  on: string,
  validUntil: string,
) {
  await tx
    .update(booklets)
    .set({ status: 'handed_out', beneficiaryId, handedOutOn: on, holderId: null })
    .where(eq(booklets.id, bookletId));
  await tx
    .update(passes)
    .set({ validFrom: on, validUntil })
    .where(and(eq(passes.bookletId, bookletId), eq(passes.status, 'active')));
}

export async function replacementOf(tx: Queryable, bookletId: string) {
  const [row] = await tx.select({ id: booklets.id }).from(booklets).where(eq(booklets.replacesId, bookletId));
  return row;
}

/** The passes of a blocked booklet that its block cancelled: what its holder lost unused. */
export async function cancelledPassesOf(tx: Queryable, bookletId: string): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM passes WHERE booklet_id = ${bookletId} AND status = 'cancelled'`,
  );
  return rows[0]!.n;
}

export async function markReplacement(tx: Queryable, bookletId: string, replacesId: string) {
  await tx.update(booklets).set({ replacesId }).where(eq(booklets.id, bookletId));
}

/**
 * The booklets an organisation handed out (it held them last), newest first: serial, day,
 * the person's initials only (enough for an agent to recognise a lost booklet, nothing to
 * identify the person by; « — » once erased) and how many passes were used.
 */
export async function handedOutBy(tx: Queryable, organisationId: string, limit: number) {
  const { rows } = await tx.execute<{
    serial: string;
    programId: string;
    status: string;
    handedOutOn: string;
    initials: string;
    passes: number;
    passesUsed: number;
  }>(sql`
    SELECT k.serial, k.program_id AS "programId", k.status, k.handed_out_on::text AS "handedOutOn",
           CASE WHEN b.first_name IS NULL OR b.last_name IS NULL THEN '—'
                ELSE upper(left(b.first_name, 1)) || '. ' || upper(left(b.last_name, 1)) || '.' END AS initials,
           k.size AS passes,
           (SELECT count(*)::int FROM passes p WHERE p.booklet_id = k.id AND p.status = 'redeemed') AS "passesUsed"
      FROM booklets k LEFT JOIN beneficiaries b ON b.id = k.beneficiary_id
     WHERE k.id IN (SELECT m.booklet_id FROM stock_movements m WHERE m.to_id = ${organisationId})
       AND k.handed_out_on IS NOT NULL AND k.holder_id IS NULL
       AND (SELECT m.to_id FROM stock_movements m WHERE m.booklet_id = k.id ORDER BY m.id DESC LIMIT 1)
           = ${organisationId}
     ORDER BY k.handed_out_on DESC, k.serial DESC
     LIMIT ${limit}`);
  return rows;
}
