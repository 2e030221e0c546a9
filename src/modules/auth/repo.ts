import { and, desc, eq, gt, inArray, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Membership, Role } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import {
  funderPlaces,
  funders,
  invitations,
  loginFailures,
  memberships,
  organisations,
  passwordResets,
  sessions,
  users,
} from '../../db/schema/index.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(tx: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.email, email));
  return row;
}

export async function insertUser(
  tx: Queryable,
  values: { email: string; displayName: string; passwordHash: string; passwordSet?: boolean },
): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row!;
}

export async function findUserById(tx: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row;
}

/** The password the person chose (a change, a reset): from now on, one of its own. */
export async function setPasswordHash(tx: Queryable, userId: string, passwordHash: string) {
  await tx.update(users).set({ passwordHash, passwordSet: true }).where(eq(users.id, userId));
}

/** Whether the account is locked from this source (a hashed client address). */
export async function isLockedFrom(tx: Queryable, userId: string, sourceHash: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: loginFailures.userId })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.userId, userId),
        eq(loginFailures.sourceHash, sourceHash),
        gt(loginFailures.lockedUntil, sql`now()`),
      ),
    );
  return row !== undefined;
}

/**
 * One more failure of the account from this source; locks it from there at `lockAfter`. The
 * count starts again when the previous lock has ended or the last failure is older than the
 * lock lasts, so that one wrong password after a lock does not lock again. Returns the count.
 */
export async function recordLoginFailure(
  tx: Queryable,
  userId: string,
  sourceHash: string,
  lockAfter: number,
  lockMinutes: number,
): Promise<number> {
  const lock = sql`now() + make_interval(mins => ${lockMinutes})`;
  const { rows } = await tx.execute<{ failures: number }>(sql`
    INSERT INTO login_failures AS f (user_id, source_hash, failures, last_failure_at, locked_until)
    VALUES (${userId}, ${sourceHash}, 1, now(), CASE WHEN 1 >= ${lockAfter} THEN ${lock} END)
    ON CONFLICT (user_id, source_hash) DO UPDATE SET
      failures = CASE WHEN f.locked_until <= now()
                        OR f.last_failure_at <= now() - make_interval(mins => ${lockMinutes})
                      THEN 1 ELSE f.failures + 1 END,
      last_failure_at = now(),
      locked_until = CASE
        WHEN f.locked_until <= now() OR f.last_failure_at <= now() - make_interval(mins => ${lockMinutes})
          THEN CASE WHEN 1 >= ${lockAfter} THEN ${lock} END
        WHEN f.failures + 1 >= ${lockAfter} THEN ${lock}
        ELSE f.locked_until END
    RETURNING failures`);
  return rows[0]!.failures;
}

/** Forgets the account's failures from this source, or from every source (`sourceHash` omitted). */
export async function clearLoginFailures(tx: Queryable, userId: string, sourceHash?: string) {
  await tx
    .delete(loginFailures)
    .where(
      and(
        eq(loginFailures.userId, userId),
        sourceHash === undefined ? undefined : eq(loginFailures.sourceHash, sourceHash),
      ),
    );
}

/** Forgets the failures that no longer count: no lock running, the last one older than a lock lasts. */
export async function purgeLoginFailures(tx: Queryable, lockMinutes: number): Promise<number> {
  const result = await tx.execute(sql`
    DELETE FROM login_failures
     WHERE (locked_until IS NULL OR locked_until <= now())
       AND last_failure_at <= now() - make_interval(mins => ${lockMinutes})`);
  return result.rowCount ?? 0;
}

/**
 * Deletes the sessions and password reset links past their expiry: nothing reads them any more,
 * and each sign-in would otherwise leave a row for good. Returns how many went.
 */
export async function purgeExpiredTokens(tx: Queryable): Promise<number> {
  const result = await tx.execute(sql`
    WITH s AS (DELETE FROM sessions WHERE expires_at <= now() RETURNING 1),
         r AS (DELETE FROM password_resets WHERE expires_at <= now() RETURNING 1)
    SELECT (SELECT count(*) FROM s) + (SELECT count(*) FROM r) AS n`);
  return Number((result.rows[0] as { n: string | number }).n);
}

export interface MembershipView extends Membership {
  funderName: string | null;
  organisationName: string | null;
}

export async function membershipsOf(tx: Queryable, userId: string): Promise<MembershipView[]> {
  // A place's people read the programmes of the funders it works with (its roster), one
  // membership per funder; a place on no roster yet still gives its membership, funder-less.
  const { rows } = await tx.execute<{
    role: Role;
    funderId: string | null;
    funderName: string | null;
    organisationId: string | null;
    organisationName: string | null;
  }>(sql`
    SELECT m.role, coalesce(m.funder_id, fp.funder_id) AS "funderId", f.name AS "funderName",
           m.organisation_id AS "organisationId", o.name AS "organisationName"
      FROM ${memberships} m
      LEFT JOIN ${funderPlaces} fp
             ON m.funder_id IS NULL AND m.role IN ('place_agent', 'place_admin')
            AND fp.place_id = m.organisation_id
      LEFT JOIN ${funders} f ON f.id = coalesce(m.funder_id, fp.funder_id)
      LEFT JOIN ${organisations} o ON o.id = m.organisation_id
     WHERE m.user_id = ${userId} AND m.ended_at IS NULL
     ORDER BY m.created_at, fp.since`);
  return rows;
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
      passwordSet: users.passwordSet,
      csrfToken: sessions.csrfToken,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), isNull(users.disabledAt)),
    );
  return row;
}

/** Ends a session; returns its account, if the session existed. */
export async function deleteSession(tx: Queryable, tokenHash: string): Promise<string | undefined> {
  const [row] = await tx
    .delete(sessions)
    .where(eq(sessions.tokenHash, tokenHash))
    .returning({ userId: sessions.userId });
  return row?.userId;
}

/** Ends every session of the account but one (the one changing its password); returns how many. */
export async function deleteOtherSessions(tx: Queryable, userId: string, keepTokenHash: string) {
  const rows = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)))
    .returning({ userId: sessions.userId });
  return rows.length;
}

export async function insertInvitation(tx: Queryable, values: typeof invitations.$inferInsert) {
  const [row] = await tx.insert(invitations).values(values).returning();
  return row!;
}

/**
 * A pending invitation with the names of its funder (none for one a place's admin sent) and of
 * its organisation; locked, since accepting it consumes it.
 */
export async function findPendingInvitation(tx: Queryable, tokenHash: string, forUpdate = false) {
  const query = tx
    .select({ invitation: invitations, funderName: funders.name, organisationName: organisations.name })
    .from(invitations)
    .leftJoin(funders, eq(funders.id, invitations.funderId))
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.withdrawnAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    );
  const [row] = forUpdate ? await query.for('update', { of: invitations }) : await query;
  return row;
}

/**
 * An invitation by its token, whatever its state, for telling its holder why its link no longer
 * works; `replaced`: a newer invitation to the same address in the same team was sent since.
 */
export async function findInvitationByToken(tx: Queryable, tokenHash: string) {
  const [row] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
  if (!row) return undefined;
  const [newer] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.email, row.email),
        sameScope(invitations, { ...row, role: row.role as Role }),
        // Compared in the database: a Date read back has lost the microseconds.
        gt(invitations.createdAt, sql`(SELECT created_at FROM invitations WHERE id = ${row.id})`),
      ),
    )
    .limit(1);
  return { ...row, replaced: newer !== undefined };
}

export async function markInvitationAccepted(tx: Queryable, id: string) {
  await tx.update(invitations).set({ acceptedAt: sql`now()` }).where(eq(invitations.id, id));
}

/**
 * A team's invitations neither accepted, withdrawn nor expired, the newest first, with who sent
 * each: a funder's (its staff's and its prescribers'), or a place's (whoever sent them).
 */
export async function pendingInvitationsOf(
  db: Queryable,
  team: { funderId: string } | { placeId: string },
  options: { expired?: boolean } = {},
) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      organisationName: organisations.name,
      invitedBy: users.displayName,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      expired: sql<boolean>`${invitations.expiresAt} <= now()`,
    })
    .from(invitations)
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(users, eq(users.id, invitations.createdBy))
    .where(
      and(
        'funderId' in team
          ? eq(invitations.funderId, team.funderId)
          : and(
              eq(invitations.organisationId, team.placeId),
              inArray(invitations.role, ['place_admin', 'place_agent']),
            ),
        isNull(invitations.acceptedAt),
        isNull(invitations.withdrawnAt),
        options.expired ? undefined : gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
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
        isNull(invitations.withdrawnAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(invitations.createdAt)
    .for('update');
}

/** The agents of an organisation: accounts that joined it, and invitations not yet taken up. */
export async function agentsOf(tx: Queryable, organisationId: string) {
  const members = await tx
    .select({
      membershipId: memberships.id,
      displayName: users.displayName,
      email: users.email,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(memberships.role, 'prescriber_agent'),
        isNull(memberships.endedAt),
      ),
    )
    .orderBy(users.displayName);
  const invited = await tx
    .select({ email: invitations.email, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.organisationId, organisationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.withdrawnAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(invitations.email);
  return { members, invited };
}

/** A reset link's hash, expiring `ttlMs` after now on the database's clock. */
/** A reset link's row (its token's hash only); returns when it expires. */
export async function insertPasswordReset(
  tx: Queryable,
  values: { tokenHash: string; userId: string; ttlMs: number },
): Promise<Date> {
  const [row] = await tx
    .insert(passwordResets)
    .values({
      tokenHash: values.tokenHash,
      userId: values.userId,
      expiresAt: sql`now() + ${values.ttlMs} * interval '1 millisecond'`,
    })
    .returning({ expiresAt: passwordResets.expiresAt });
  return row!.expiresAt;
}

/** A reset link still usable (not used, not expired), locked for its one use, with its account. */
export async function findLivePasswordReset(tx: Queryable, tokenHash: string) {
  const [row] = await tx
    .select({ tokenHash: passwordResets.tokenHash, user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
      ),
    )
    .for('update', { of: passwordResets });
  return row;
}

/**
 * Spends every reset link of the account not used yet: once one was used (an older one must not
 * work), once the account is disabled, or when its team's admin prepares a new one. Returns
 * their token hashes.
 */
export async function spendPasswordResets(tx: Queryable, userId: string): Promise<string[]> {
  const rows = await tx
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
    .returning({ tokenHash: passwordResets.tokenHash });
  return rows.map((r) => r.tokenHash);
}

/** Disables the account if it is enabled (one of two at once finds it done); its disabled_at, or undefined. */
export async function disableUser(tx: Queryable, userId: string): Promise<Date | undefined> {
  const [row] = await tx
    .update(users)
    .set({ disabledAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .returning({ disabledAt: users.disabledAt });
  return row?.disabledAt ?? undefined;
}

/** Enables the account if it is disabled; whether it was. */
export async function enableUser(tx: Queryable, userId: string): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ disabledAt: null })
    .where(and(eq(users.id, userId), isNotNull(users.disabledAt)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/**
 * The enabled accounts with a live platform_admin seat, locked until the transaction ends: of
 * two operators disabling each other at once, the second counts after the first.
 */
export async function lockEnabledPlatformAdmins(tx: Queryable): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    SELECT u.id FROM ${users} u
     WHERE u.disabled_at IS NULL
       AND EXISTS (SELECT 1 FROM ${memberships} m
                    WHERE m.user_id = u.id AND m.role = 'platform_admin' AND m.ended_at IS NULL)
     ORDER BY u.id
       FOR UPDATE OF u`);
  return rows.map((r) => r.id);
}

export async function deleteSessionsOf(tx: Queryable, userId: string): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ userId: sessions.userId });
  return rows.length;
}

/** The enabled accounts' e-mails whose memberships match, with the membership's organisation. */
function enabledMembers(tx: Queryable, where: SQL | undefined) {
  return tx
    .selectDistinct({ organisationId: sql<string>`${memberships.organisationId}`, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(where, isNull(memberships.endedAt), isNull(users.disabledAt)))
    .orderBy(memberships.organisationId, users.email);
}

/** The e-mails of the enabled accounts that are members of the organisations (of a role, if given). */
export async function memberEmails(tx: Queryable, organisationIds: string[], roles?: Role[]) {
  if (organisationIds.length === 0) return [];
  return enabledMembers(
    tx,
    and(
      inArray(memberships.organisationId, organisationIds),
      roles ? inArray(memberships.role, roles) : undefined,
    ),
  );
}

/** The e-mails of the funder's enabled admins. */
export async function funderAdminEmails(tx: Queryable, funderId: string): Promise<string[]> {
  const rows = await enabledMembers(
    tx,
    and(eq(memberships.funderId, funderId), eq(memberships.role, 'funder_admin')),
  );
  return rows.map((r) => r.email);
}

/** The live members of a team: a funder's admins and viewers, or a place's admins and agents. */
export async function teamOf(tx: Queryable, team: { funderId: string } | { placeId: string }) {
  return tx
    .select({
      membershipId: memberships.id,
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      role: sql<Role>`${memberships.role}`,
      since: memberships.createdAt,
      disabledAt: users.disabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(sameScope(memberships, scopeOf(team)), isNull(memberships.endedAt)))
    .orderBy(users.displayName, users.email, memberships.role);
}

/**
 * The live memberships of these accounts as recorded (a place's without the funders of its
 * roster, unlike membershipsOf): where each person belongs, to tell a team's own people from
 * those who also belong elsewhere.
 */
export async function liveMembershipsOfUsers(tx: Queryable, userIds: string[]) {
  if (userIds.length === 0) return [];
  return tx
    .select({
      userId: memberships.userId,
      role: sql<Role>`${memberships.role}`,
      funderId: memberships.funderId,
      organisationId: memberships.organisationId,
    })
    .from(memberships)
    .where(and(inArray(memberships.userId, userIds), isNull(memberships.endedAt)));
}

/** One membership (ended or not), locked, with its account's name; the caller checks its scope. */
export async function lockMembership(tx: Queryable, membershipId: string) {
  const [row] = await tx
    .select({
      id: memberships.id,
      userId: memberships.userId,
      role: sql<Role>`${memberships.role}`,
      funderId: memberships.funderId,
      organisationId: memberships.organisationId,
      since: memberships.createdAt,
      endedAt: memberships.endedAt,
      displayName: users.displayName,
      email: users.email,
      disabledAt: users.disabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.id, membershipId))
    .for('update', { of: memberships });
  return row;
}

export async function endMembership(tx: Queryable, id: string, endedBy: string) {
  await tx.update(memberships).set({ endedAt: sql`now()`, endedBy }).where(eq(memberships.id, id));
}

/** The live membership of a user with a role in a team (the one a role change opens). */
export async function openMembership(
  tx: Queryable,
  values: { userId: string; role: Role; funderId: string | null; organisationId: string | null },
) {
  await insertMembership(tx, values);
  const [row] = await tx
    .select({ id: memberships.id, since: memberships.createdAt })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, values.userId),
        eq(memberships.role, values.role),
        values.funderId ? eq(memberships.funderId, values.funderId) : isNull(memberships.funderId),
        values.organisationId
          ? eq(memberships.organisationId, values.organisationId)
          : isNull(memberships.organisationId),
        isNull(memberships.endedAt),
      ),
    );
  return row!;
}

/** One invitation, locked (withdrawing and accepting it are taken in turn); the caller checks its scope. */
export async function lockInvitation(tx: Queryable, invitationId: string) {
  const [row] = await tx.select().from(invitations).where(eq(invitations.id, invitationId)).for('update');
  return row;
}

export async function markInvitationWithdrawn(tx: Queryable, id: string) {
  await tx.update(invitations).set({ withdrawnAt: sql`now()` }).where(eq(invitations.id, id));
}

/**
 * Withdraws the invitations an account sent that still wait (neither accepted, withdrawn nor
 * expired): their links stop working. Returns what each team's journal needs to say so.
 */
export async function withdrawInvitationsSentBy(
  tx: Queryable,
  userId: string,
  team?: { funderId: string } | { placeId: string },
) {
  // A team's: sent as the funder's admin (its staff, its prescribers' agents, a place's first
  // people), or as the place's own admin (no funder).
  const ofTeam =
    team === undefined
      ? undefined
      : 'funderId' in team
        ? eq(invitations.funderId, team.funderId)
        : and(isNull(invitations.funderId), eq(invitations.organisationId, team.placeId));
  return tx
    .update(invitations)
    .set({ withdrawnAt: sql`now()` })
    .where(
      and(
        eq(invitations.createdBy, userId),
        ofTeam,
        isNull(invitations.acceptedAt),
        isNull(invitations.withdrawnAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .returning({
      id: invitations.id,
      funderId: invitations.funderId,
      organisationId: invitations.organisationId,
      email: invitations.email,
      role: invitations.role,
    });
}

/**
 * The scope a membership or invitation of this role lives in: a funder's staff, a prescriber's
 * agents, or a place's people (whichever funder invited them).
 */
function sameScope(
  table: typeof memberships | typeof invitations,
  at: { role: Role; funderId: string | null; organisationId: string | null },
) {
  if (at.role === 'funder_admin' || at.role === 'funder_viewer')
    return and(eq(table.funderId, at.funderId!), inArray(table.role, ['funder_admin', 'funder_viewer']));
  if (at.role === 'place_admin' || at.role === 'place_agent')
    return and(
      eq(table.organisationId, at.organisationId!),
      inArray(table.role, ['place_admin', 'place_agent']),
    );
  return and(
    eq(table.role, at.role),
    at.funderId ? eq(table.funderId, at.funderId) : isNull(table.funderId),
    at.organisationId ? eq(table.organisationId, at.organisationId) : isNull(table.organisationId),
  );
}

/** The live memberships an address already holds in the scope of this role (the same team). */
/** Whether the address is an account of the platform's operator (a live platform_admin seat). */
export async function isOperatorEmail(tx: Queryable, email: string) {
  const rows = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.role, 'platform_admin'), isNull(memberships.endedAt)))
    .limit(1);
  return rows.length > 0;
}

export async function liveMembershipsLike(
  tx: Queryable,
  email: string,
  at: { role: Role; funderId: string | null; organisationId: string | null },
) {
  return tx
    .select({ id: memberships.id, role: sql<Role>`${memberships.role}`, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), sameScope(memberships, at), isNull(memberships.endedAt)));
}

/** The same person's other live memberships in the same team as this one, locked (ended together). */
export async function lockSiblings(
  tx: Queryable,
  m: { id: string; userId: string; role: Role; funderId: string | null; organisationId: string | null },
) {
  return tx
    .select({ id: memberships.id, role: sql<Role>`${memberships.role}` })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, m.userId),
        sameScope(memberships, m),
        isNull(memberships.endedAt),
        ne(memberships.id, m.id),
      ),
    )
    .for('update');
}

/**
 * Withdraws the invitations still waiting for this address in the same team: a new one replaces
 * them (a lost link is replaced by inviting again), so one link at most works at a time.
 */
export async function withdrawInvitationsLike(
  tx: Queryable,
  email: string,
  at: { role: Role; funderId: string | null; organisationId: string | null },
) {
  return tx
    .update(invitations)
    .set({ withdrawnAt: sql`now()` })
    .where(
      and(
        eq(invitations.email, email),
        sameScope(invitations, at),
        isNull(invitations.acceptedAt),
        isNull(invitations.withdrawnAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: invitations.id });
}

/**
 * The invitation that replaced a withdrawn one, locked, undefined if none: sent to the same
 * address in the same team by the transaction that withdrew it (sent again, or the address
 * invited anew: `now()` is the transaction's time, its creation and the withdrawal share it).
 * One withdrawn by an admin and followed later by a new invitation was not replaced.
 */
export async function lockReplacementOf(tx: Queryable, withdrawn: typeof invitations.$inferSelect) {
  if (!withdrawn.withdrawnAt) return undefined;
  const [row] = await tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.email, withdrawn.email),
        sameScope(invitations, {
          role: withdrawn.role as Role,
          funderId: withdrawn.funderId,
          organisationId: withdrawn.organisationId,
        }),
        // Compared in the database: a JavaScript date drops the microseconds.
        sql`${invitations.createdAt} = (SELECT w.withdrawn_at FROM invitations w WHERE w.id = ${withdrawn.id})`,
        ne(invitations.id, withdrawn.id),
      ),
    )
    .limit(1)
    .for('update');
  return row;
}

/** A team as the scope of its admin role: a funder's staff, or a place's people. */
const scopeOf = (team: { funderId: string } | { placeId: string }) =>
  'funderId' in team
    ? { role: 'funder_admin' as const, funderId: team.funderId, organisationId: null }
    : { role: 'place_admin' as const, funderId: null, organisationId: team.placeId };

/**
 * How many people hold the team's live admin role (the caller locked the team's row first);
 * `enabledOnly`: those whose account is not disabled, the admins who can still act (a team's
 * last admins, the four-eyes rule's second one).
 */
export async function liveAdminCount(
  tx: Queryable,
  team: { funderId: string } | { placeId: string },
  options: { enabledOnly?: boolean } = {},
) {
  const { role, funderId, organisationId } = scopeOf(team);
  const [row] = await tx
    .select({ n: sql<number>`count(DISTINCT ${memberships.userId})::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.role, role),
        funderId ? eq(memberships.funderId, funderId) : eq(memberships.organisationId, organisationId!),
        isNull(memberships.endedAt),
        options.enabledOnly ? isNull(users.disabledAt) : undefined,
      ),
    );
  return row?.n ?? 0;
}

/*
 * What the platform's helpdesk reads of an account (helpdesk.ts): who, since when, whether it
 * is disabled or locked, when it last opened a session, its live roles and the invitations
 * sent to its address, waiting or expired. Never a password, a token or an address it signed in from.
 */

export async function accountForHelpdesk(tx: Queryable, email: string) {
  const { rows } = await tx.execute<{
    id: string;
    displayName: string;
    createdAt: string;
    disabledAt: string | null;
    lastSessionAt: string | null;
    lockedFrom: number;
    lockedUntil: string | null;
  }>(sql`
    SELECT u.id, u.display_name AS "displayName", u.created_at AS "createdAt", u.disabled_at AS "disabledAt",
           (SELECT max(s.created_at) FROM ${sessions} s WHERE s.user_id = u.id) AS "lastSessionAt",
           (SELECT count(*)::int FROM ${loginFailures} f WHERE f.user_id = u.id AND f.locked_until > now()) AS "lockedFrom",
           (SELECT max(f.locked_until) FROM ${loginFailures} f WHERE f.user_id = u.id AND f.locked_until > now())
             AS "lockedUntil"
      FROM ${users} u WHERE u.email = ${email}`);
  return rows[0];
}

export async function liveRolesForHelpdesk(tx: Queryable, userId: string) {
  const { rows } = await tx.execute<{
    role: Role;
    funderName: string | null;
    organisationName: string | null;
    since: string;
  }>(sql`
    SELECT m.role, f.name AS "funderName", o.name AS "organisationName", m.created_at AS since
      FROM ${memberships} m
      LEFT JOIN ${funders} f ON f.id = m.funder_id
      LEFT JOIN ${organisations} o ON o.id = m.organisation_id
     WHERE m.user_id = ${userId} AND m.ended_at IS NULL
     ORDER BY m.created_at, m.id`);
  return rows;
}

/**
 * The invitations sent to the address that nobody accepted or withdrew, expired ones included:
 * a person whose link expired is told which team to ask for a new one.
 */
export async function invitationsForHelpdesk(tx: Queryable, email: string) {
  const { rows } = await tx.execute<{
    role: Role;
    funderName: string | null;
    organisationName: string | null;
    createdAt: string;
    expiresAt: string;
    expired: boolean;
  }>(sql`
    SELECT i.role, f.name AS "funderName", o.name AS "organisationName",
           i.created_at AS "createdAt", i.expires_at AS "expiresAt", i.expires_at <= now() AS expired
      FROM ${invitations} i
      LEFT JOIN ${funders} f ON f.id = i.funder_id
      LEFT JOIN ${organisations} o ON o.id = i.organisation_id
     WHERE i.email = ${email} AND i.accepted_at IS NULL AND i.withdrawn_at IS NULL
     ORDER BY i.created_at DESC`);
  return rows;
}

/** The display names of these accounts, by id (one query). */
export async function displayNamesOf(tx: Queryable, userIds: string[]) {
  if (userIds.length === 0) return [];
  const { rows } = await tx.execute<{ id: string; displayName: string }>(sql`
    SELECT id, display_name AS "displayName" FROM ${users} WHERE id = ANY(${sql.param(userIds)}::uuid[])`);
  return rows;
}
