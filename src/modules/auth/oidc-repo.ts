import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { invitations, oidcLogins } from '../../db/schema/index.js';

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

/** Pending invitations sent to an e-mail, locked since accepting them consumes them. */
export async function pendingInvitationsFor(tx: Queryable, email: string) {
  return tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(invitations.createdAt)
    .for('update');
}
