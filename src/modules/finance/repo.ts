import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { fundingReversals, fundings } from '../../db/schema/index.js';

export async function insertFunding(tx: Queryable, values: typeof fundings.$inferInsert) {
  const [row] = await tx.insert(fundings).values(values).returning();
  return row!;
}

/** A programme's fundings, oldest first, each with its reversal if any. */
export async function fundingsOf(tx: Queryable, programId: string) {
  const { rows } = await tx.execute<{
    id: string;
    payer: string;
    amountCents: number;
    receivedOn: string;
    reference: string;
    reversal: {
      reason: string;
      reversedOn: string;
      deactivatedPasses: number;
      reclaimedCents: number;
    } | null;
  }>(sql`
    SELECT f.id, f.payer, f.amount_cents::bigint AS "amountCents", f.received_on::text AS "receivedOn", f.reference,
           CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object(
             'reason', r.reason, 'reversedOn', r.reversed_on::text, 'deactivatedPasses', r.deactivated_passes,
             'reclaimedCents', r.reclaimed_cents) END AS reversal
      FROM fundings f LEFT JOIN funding_reversals r ON r.funding_id = f.id
     WHERE f.program_id = ${programId}
     ORDER BY f.received_on, f.created_at, f.id`);
  return rows.map((r) => ({ ...r, amountCents: Number(r.amountCents) }));
}

/**
 * The latest funding of the programme identical to these values (payer, amount, date received,
 * reference) and not cancelled, with when it was recorded; undefined when there is none.
 */
export async function identicalFunding(
  tx: Queryable,
  programId: string,
  f: { payer: string; amountCents: number; receivedOn: string; reference: string },
) {
  const { rows } = await tx.execute<{ id: string; createdAt: Date | string }>(sql`
    SELECT f.id, f.created_at AS "createdAt"
      FROM fundings f
     WHERE f.program_id = ${programId} AND f.payer = ${f.payer} AND f.amount_cents = ${f.amountCents}
       AND f.received_on = ${f.receivedOn} AND f.reference = ${f.reference}
       AND NOT EXISTS (SELECT 1 FROM funding_reversals r WHERE r.funding_id = f.id)
     ORDER BY f.created_at DESC, f.id DESC
     LIMIT 1`);
  const row = rows[0];
  return row && { id: row.id, createdAt: new Date(row.createdAt) };
}

export async function insertReversal(tx: Queryable, values: typeof fundingReversals.$inferInsert) {
  const [row] = await tx.insert(fundingReversals).values(values).returning();
  return row!;
}

/**
 * The money a programme received in a period, by payer: fundings by the day they were received,
 * and the cancellations of fundings by the day they were recorded (the money left then), so that
 * a funding received in one period and cancelled in a later one shows in both, as it happened.
 */
export async function fundingsInPeriod(tx: Queryable, programId: string, from: string, to: string) {
  const { rows } = await tx.execute<{ payer: string; receivedCents: number; reversedCents: number }>(sql`
    SELECT f.payer,
           coalesce(sum(f.amount_cents) FILTER (WHERE f.received_on BETWEEN ${from}::date AND ${to}::date), 0)::bigint
             AS "receivedCents",
           coalesce(sum(f.amount_cents) FILTER (WHERE r.reversed_on BETWEEN ${from}::date AND ${to}::date), 0)::bigint
             AS "reversedCents"
      FROM fundings f LEFT JOIN funding_reversals r ON r.funding_id = f.id
     WHERE f.program_id = ${programId}
     GROUP BY f.payer
    HAVING bool_or(f.received_on BETWEEN ${from}::date AND ${to}::date
                   OR r.reversed_on BETWEEN ${from}::date AND ${to}::date)`);
  return rows.map((r) => ({
    payer: r.payer,
    receivedCents: Number(r.receivedCents),
    reversedCents: Number(r.reversedCents),
  }));
}

/** Every funding of the funder's programmes, with its reversal if any, oldest first (its export). */
export async function fundingsOfFunder(db: Queryable, funderId: string) {
  const { rows } = await db.execute<{
    programId: string;
    receivedOn: string;
    payer: string;
    amountCents: number;
    reference: string;
    reversedOn: string | null;
    reversalReason: string | null;
  }>(sql`
    SELECT f.program_id AS "programId", to_char(f.received_on, 'YYYY-MM-DD') AS "receivedOn", f.payer,
           f.amount_cents::float8 AS "amountCents", f.reference,
           to_char(r.reversed_on, 'YYYY-MM-DD') AS "reversedOn", r.reason AS "reversalReason"
      FROM fundings f LEFT JOIN funding_reversals r ON r.funding_id = f.id
     WHERE f.funder_id = ${funderId}
     ORDER BY f.received_on, f.created_at, f.id`);
  return rows;
}
