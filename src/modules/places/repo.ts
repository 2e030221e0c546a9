import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { apiKeys, organisations, programPlaces } from '../../db/schema/index.js';

const keyColumns = {
  id: apiKeys.id,
  label: apiKeys.label,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export async function insertKey(tx: Queryable, values: typeof apiKeys.$inferInsert) {
  const [row] = await tx.insert(apiKeys).values(values).returning(keyColumns);
  return row!;
}

export async function keysOf(tx: Queryable, placeId: string) {
  return tx
    .select(keyColumns)
    .from(apiKeys)
    .where(eq(apiKeys.placeId, placeId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeKey(tx: Queryable, placeId: string, keyId: string) {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.placeId, placeId), eq(apiKeys.id, keyId)))
    .returning({ ...keyColumns });
  return row;
}

export async function keyByPrefix(tx: Queryable, prefix: string) {
  const [row] = await tx
    .select({
      id: apiKeys.id,
      placeId: apiKeys.placeId,
      funderId: apiKeys.funderId,
      label: apiKeys.label,
      prefix: apiKeys.prefix,
      secretHash: apiKeys.secretHash,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.prefix, prefix));
  return row;
}

/** At most once a minute per key, so a busy key does not turn into a hot row. */
export async function touchKey(tx: Queryable, id: string) {
  await tx
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}

export async function acceptProgram(tx: Queryable, values: typeof programPlaces.$inferInsert) {
  const [row] = await tx.insert(programPlaces).values(values).onConflictDoNothing().returning();
  return row;
}

export async function placesOfProgram(tx: Queryable, programId: string) {
  return tx
    .select({
      placeId: programPlaces.placeId,
      name: organisations.name,
      acceptedOn: programPlaces.acceptedOn,
    })
    .from(programPlaces)
    .innerJoin(organisations, eq(organisations.id, programPlaces.placeId))
    .where(eq(programPlaces.programId, programId))
    .orderBy(organisations.name);
}
