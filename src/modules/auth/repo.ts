import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Membership, Role } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import { funders, invitations, memberships, organisations, sessions, users } from '../../db/schema/index.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(tx: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.email, email));
  return row;
}

export async function insertUser(
  tx: Queryable,
  values: { email: string; displayName: string; passwordHash: string },
): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row!;
}

export async function recordLoginFailure(
  tx: Queryable,
  userId: string,
  lockAfter: number,
  lockMinutes: number,
) {
  await tx
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${lockAfter}
        THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, userId));
}

export async function resetLoginFailures(tx: Queryable, userId: string) {
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export interface MembershipView extends Membership {
  funderName: string | null;
  organisationName: string | null;
}

export async function membershipsOf(tx: Queryable, userId: string): Promise<MembershipView[]> {
  const rows = await tx
    .select({
      role: memberships.role,
      funderId: memberships.funderId,
      funderName: funders.name,
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
    })
    .from(memberships)
    .leftJoin(funders, eq(funders.id, memberships.funderId))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt);
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export async function insertMembership(
  tx: Queryable,
  values: { userId: string; role: Role; funderId: string | null; organisationId: string | null },
) {
  await tx.insert(memberships).values(values).onConflictDoNothing();
}

export async function insertSession(
  tx: Queryable,
  values: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date },
) {
  await tx.insert(sessions).values(values);
}

/** The session and its user, if the session is alive and the user not disabled. */
export async function findLiveSession(tx: Queryable, tokenHash: string) {
  const [row] = await tx
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      csrfToken: sessions.csrfToken,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), isNull(users.disabledAt)),
    );
  return row;
}

export async function deleteSession(tx: Queryable, tokenHash: string) {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function insertInvitation(tx: Queryable, values: typeof invitations.$inferInsert) {
  const [row] = await tx.insert(invitations).values(values).returning();
  return row!;
}

/** A pending invitation with its funder's name; locked, since accepting it consumes it. */
export async function findPendingInvitation(tx: Queryable, tokenHash: string, forUpdate = false) {
  const query = tx
    .select({ invitation: invitations, funderName: funders.name })
    .from(invitations)
    .innerJoin(funders, eq(funders.id, invitations.funderId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    );
  const [row] = forUpdate ? await query.for('update', { of: invitations }) : await query;
  return row;
}

export async function markInvitationAccepted(tx: Queryable, id: string) {
  await tx.update(invitations).set({ acceptedAt: sql`now()` }).where(eq(invitations.id, id));
}
