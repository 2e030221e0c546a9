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
export async function post(tx: Queryable, funderId: string, programId: string, postings: Posting[]) {
  const movement = randomUUID();
  const each = <T>(v: T) => postings.map(() => v);
  await tx.execute(sql`SELECT ledger_post(
    ${sql.param(each(funderId))}::uuid[], ${sql.param(each(programId))}::uuid[],
    ${sql.param(each(movement))}::uuid[], ${sql.param(postings.map((p) => p.account))}::text[],
    ${sql.param(postings.map((p) => p.amountCents))}::bigint[], NULL::timestamptz[])`);
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
