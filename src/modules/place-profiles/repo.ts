import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { placeProfiles } from '../../db/schema/index.js';

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
