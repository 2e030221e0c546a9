import { and, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { placeProfiles, placeRegistrationRequests } from '../../db/schema/index.js';

export type ProfileRow = typeof placeProfiles.$inferSelect;
export type ProfileValues = Omit<typeof placeProfiles.$inferInsert, 'placeId' | 'updatedAt'>;

export async function findProfile(tx: Queryable, placeId: string, forUpdate = false) {
  const query = tx.select().from(placeProfiles).where(eq(placeProfiles.placeId, placeId));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

/** Creates or replaces the place's description (the import's source and id are kept). */
export async function saveProfile(tx: Queryable, placeId: string, values: ProfileValues) {
  const [row] = await tx
    .insert(placeProfiles)
    .values({ placeId, ...values })
    .onConflictDoUpdate({ target: placeProfiles.placeId, set: { ...values, updatedAt: sql`now()` } })
    .returning();
  return row!;
}

/**
 * Two registrations of one SIRET at once: the second waits for the first and then finds its
 * place. A lock for the transaction's life rather than a unique index, which places kept
 * per funder before issue 11 may break (two rows of one SIRET).
 */
export async function lockSiret(tx: Queryable, siret: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`place-siret:${siret}`}))`);
}

/**
 * A registration waiting for its link, recorded with the form (no password) and the password's
 * hash. The expired ones go at the same time: they hold a person's name and address for nothing.
 */
export async function insertRegistrationRequest(
  tx: Queryable,
  values: { tokenHash: string; email: string; passwordHash: string; form: unknown; ttlMs: number },
) {
  await tx.delete(placeRegistrationRequests).where(lt(placeRegistrationRequests.expiresAt, sql`now()`));
  await tx.insert(placeRegistrationRequests).values({
    tokenHash: values.tokenHash,
    email: values.email,
    passwordHash: values.passwordHash,
    form: values.form,
    expiresAt: sql`now() + ${values.ttlMs} * interval '1 millisecond'`,
  });
}

/**
 * Spends the links of this address that still work: a form sent again (corrected, say) replaces
 * them, so that an earlier e-mail opened first cannot create the place as first written.
 * Returns their token hashes.
 */
export async function spendLiveRegistrationRequestsOf(tx: Queryable, email: string) {
  const rows = await tx
    .update(placeRegistrationRequests)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(placeRegistrationRequests.email, email),
        isNull(placeRegistrationRequests.usedAt),
        gt(placeRegistrationRequests.expiresAt, sql`now()`),
      ),
    )
    .returning({ tokenHash: placeRegistrationRequests.tokenHash });
  return rows.map((r) => r.tokenHash);
}

/** A registration whose link still works (not used, not expired), locked for its one use. */
export async function findLiveRegistrationRequest(tx: Queryable, tokenHash: string) {
  const [row] = await tx
    .select()
    .from(placeRegistrationRequests)
    .where(
      and(
        eq(placeRegistrationRequests.tokenHash, tokenHash),
        isNull(placeRegistrationRequests.usedAt),
        gt(placeRegistrationRequests.expiresAt, sql`now()`),
      ),
    )
    .for('update');
  return row;
}

export async function spendRegistrationRequest(tx: Queryable, tokenHash: string) {
  await tx
    .update(placeRegistrationRequests)
    .set({ usedAt: sql`now()` })
    .where(eq(placeRegistrationRequests.tokenHash, tokenHash));
}

/** The places among `placeIds` whose profile gives their coordinates, with them. */
export async function coordinatesOf(tx: Queryable, placeIds: string[]) {
  if (placeIds.length === 0) return [];
  return tx
    .select({
      placeId: placeProfiles.placeId,
      latitude: placeProfiles.latitude,
      longitude: placeProfiles.longitude,
    })
    .from(placeProfiles)
    .where(and(inArray(placeProfiles.placeId, placeIds), isNotNull(placeProfiles.latitude)));
}
