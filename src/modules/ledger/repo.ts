import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Posting } from '../../core/ledger.js';
import type { Queryable } from '../../db/client.js';
import { ledgerPostings } from '../../db/schema/index.js';

/**
 * One balanced movement, through ledger_post: the one writer of postings, which the
 * redemption functions call too. The database refuses an unbalanced movement, an account
 * outside the closed set, and a programme's unactivated balance going below zero.
 */
export async function post(
  tx: Queryable,
  funderId: string,
  programId: string,
  postings: Posting[],
  valueOn?: string,
) {
  const movement = randomUUID();
  const each = <T>(v: T) => postings.map(() => v);
  const day = valueOn ?? null;
  // A past day's postings sit at its last instant (Paris time); today's, or none, at now().
  const at = sql`array_fill(CASE WHEN ${day}::date < (now() AT TIME ZONE 'Europe/Paris')::date
    THEN (((${day}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris') - interval '1 microsecond') END,
    ARRAY[${postings.length}::int])`;
  await tx.execute(sql`SELECT ledger_post(
    ${sql.param(each(funderId))}::uuid[], ${sql.param(each(programId))}::uuid[],
    ${sql.param(each(movement))}::uuid[], ${sql.param(postings.map((p) => p.account))}::text[],
    ${sql.param(postings.map((p) => p.amountCents))}::bigint[], ${at},
    ${sql.param(postings.map((p) => p.placeId ?? null))}::uuid[])`);
}

/** What a place is owed ('redeemed') and was paid ('paid') in a programme. */
export async function placeClaim(tx: Queryable, programId: string, placeId: string) {
  const { rows } = await tx.execute<{ owed: string; paid: string }>(sql`
    SELECT coalesce(sum(amount_cents) FILTER (WHERE account = 'redeemed'), 0)::bigint AS owed,
           coalesce(sum(amount_cents) FILTER (WHERE account = 'paid'), 0)::bigint AS paid
      FROM ledger_postings
     WHERE place_id = ${placeId} AND program_id = ${programId} AND account IN ('redeemed', 'paid')`);
  return { owedCents: Number(rows[0]!.owed), paidCents: Number(rows[0]!.paid) };
}

export async function accountSums(tx: Queryable, programId: string) {
  return tx
    .select({
      account: ledgerPostings.account,
      amountCents: sql<number>`sum(${ledgerPostings.amountCents})::bigint`,
    })
    .from(ledgerPostings)
    .where(eq(ledgerPostings.programId, programId))
    .groupBy(ledgerPostings.account);
}

/** Per-account sums of the postings made before the end of `date` (Paris time). */
export async function accountSumsAsOf(tx: Queryable, programId: string, date: string) {
  return tx
    .select({
      account: ledgerPostings.account,
      amountCents: sql<number>`sum(${ledgerPostings.amountCents})::bigint`,
    })
    .from(ledgerPostings)
    .where(
      and(
        eq(ledgerPostings.programId, programId),
        lt(ledgerPostings.at, sql`((${date}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`),
      ),
    )
    .groupBy(ledgerPostings.account);
}

/** What a payer has paid into each of the funder's programmes, where it is not nothing. */
export async function payerBalances(tx: Queryable, funderId: string, account: string) {
  const { rows } = await tx.execute<{ programId: string; amountCents: string }>(sql`
    SELECT program_id AS "programId", -sum(amount_cents)::bigint AS "amountCents"
      FROM ledger_postings WHERE funder_id = ${funderId} AND account = ${account}
     GROUP BY program_id HAVING sum(amount_cents) <> 0`);
  return rows.map((r) => ({ programId: r.programId, amountCents: Number(r.amountCents) }));
}
