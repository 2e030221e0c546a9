import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { oidcLogins } from '../../db/schema/index.js';

export async function insertLogin(tx: Queryable, values: typeof oidcLogins.$inferInsert) {
  // Abandoned sign-ins go with the next one: the table stays as small as the traffic of ten minutes.
  await tx.delete(oidcLogins).where(lt(oidcLogins.expiresAt, sql`now()`));
  await tx.insert(oidcLogins).values(values);
}

/** Takes a live sign-in and deletes it in one statement: two callbacks cannot both get it. */
export async function takeLogin(tx: Queryable, stateHash: string) {
  const [row] = await tx
    .delete(oidcLogins)
    .where(and(eq(oidcLogins.stateHash, stateHash), gt(oidcLogins.expiresAt, sql`now()`)))
    .returning();
  return row;
}
