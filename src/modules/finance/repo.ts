import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Posting } from '../../core/ledger.js';
import type { Queryable } from '../../db/client.js';
import { fundings, ledgerPostings } from '../../db/schema/index.js';

export async function insertFunding(tx: Queryable, values: typeof fundings.$inferInsert) {
  const [row] = await tx.insert(fundings).values(values).returning();
  return row!;
}

/** One balanced movement; the database refuses an unbalanced one at commit. */
export async function post(tx: Queryable, funderId: string, programId: string, postings: Posting[]) {
  const movement = randomUUID();
  await tx.insert(ledgerPostings).values(postings.map((p) => ({ ...p, funderId, programId, movement })));
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
