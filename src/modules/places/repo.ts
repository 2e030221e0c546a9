import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  apiKeyErrors,
  apiKeys,
  apiKeyUsage,
  funderPlaces,
  funders,
  organisations,
  placeQualifications,
  programPlaces,
  users,
} from '../../db/schema/index.js';

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

/**
 * A key of the place still in service whose name is `label` (spaces folded, as createKey
 * stores it; case aside). Keys named before the folding may hold runs of spaces: folded here too.
 */
export async function liveKeyNamed(tx: Queryable, placeId: string, label: string) {
  const [row] = await tx
    .select({ label: apiKeys.label })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.placeId, placeId),
        isNull(apiKeys.revokedAt),
        // Folded as people's and organisations' names are (case, accents, hyphens, spaces).
        sql`person_name_key(${apiKeys.label}) = person_name_key(${label})`,
      ),
    )
    .limit(1);
  return row;
}

export async function keysOf(tx: Queryable, placeId: string) {
  return tx
    .select(keyColumns)
    .from(apiKeys)
    .where(eq(apiKeys.placeId, placeId))
    .orderBy(desc(apiKeys.createdAt));
}

/** The labels of these keys of the place, by id (revoked ones too: they named past calls). */
export async function keyLabelsOf(tx: Queryable, placeId: string, keyIds: string[]) {
  if (keyIds.length === 0) return [];
  return tx
    .select({ id: apiKeys.id, label: apiKeys.label })
    .from(apiKeys)
    .where(and(eq(apiKeys.placeId, placeId), inArray(apiKeys.id, keyIds)));
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

export async function insertDecision(tx: Queryable, values: typeof placeQualifications.$inferInsert) {
  const [row] = await tx.insert(placeQualifications).values(values).returning();
  return row!;
}

/** When the funder last decided on the place for the programme; null if it never did. */
export async function lastDecisionAt(tx: Queryable, programId: string, placeId: string) {
  const [row] = await tx
    .select({ at: placeQualifications.createdAt })
    .from(placeQualifications)
    .where(and(eq(placeQualifications.programId, programId), eq(placeQualifications.placeId, placeId)))
    .orderBy(desc(placeQualifications.id))
    .limit(1);
  return row?.at ?? null;
}

/** The latest entry of the place's history for the programme; null if there is none. */
export async function lastDecisionOf(tx: Queryable, programId: string, placeId: string) {
  const [row] = await tx
    .select({ decision: placeQualifications.decision })
    .from(placeQualifications)
    .where(and(eq(placeQualifications.programId, programId), eq(placeQualifications.placeId, placeId)))
    .orderBy(desc(placeQualifications.id))
    .limit(1);
  return row?.decision ?? null;
}

/** The programme's funder and the place's standing for it, locked; none when it does not take the place. */
export async function programPlaceOf(tx: Queryable, programId: string, placeId: string) {
  const [row] = await tx
    .select({ funderId: programPlaces.funderId, standing: programPlaces.standing })
    .from(programPlaces)
    .where(and(eq(programPlaces.programId, programId), eq(programPlaces.placeId, placeId)))
    .for('update');
  return row;
}

/** The place's standing for the programme now: approved, suspended, or none. */
export async function standingOf(tx: Queryable, programId: string, placeId: string) {
  const [row] = await tx
    .select({ standing: programPlaces.standing })
    .from(programPlaces)
    .where(and(eq(programPlaces.programId, programId), eq(programPlaces.placeId, placeId)))
    .for('update');
  return row?.standing ?? null;
}

export async function placesOfProgram(tx: Queryable, programId: string) {
  return tx
    .select({
      placeId: programPlaces.placeId,
      name: organisations.name,
      acceptedOn: programPlaces.acceptedOn,
      standing: programPlaces.standing,
    })
    .from(programPlaces)
    .innerJoin(organisations, eq(organisations.id, programPlaces.placeId))
    .where(eq(programPlaces.programId, programId))
    .orderBy(organisations.name);
}

/** The programmes, of every funder, whose passes the place takes or was suspended from. */
export async function programsOfPlace(tx: Queryable, placeId: string) {
  return tx
    .select({
      programId: programPlaces.programId,
      funderId: programPlaces.funderId,
      funderName: funders.name,
      acceptedOn: programPlaces.acceptedOn,
      standing: programPlaces.standing,
    })
    .from(programPlaces)
    .innerJoin(funders, eq(funders.id, programPlaces.funderId))
    .where(eq(programPlaces.placeId, placeId))
    .orderBy(asc(funders.name), asc(programPlaces.acceptedOn));
}

/** The decisions about a place, oldest first; of one funder, or of all (the place's own view). */
export async function decisionsOf(tx: Queryable, placeId: string, funderId?: string) {
  return tx
    .select({
      id: placeQualifications.id,
      funderId: placeQualifications.funderId,
      funderName: funders.name,
      programId: placeQualifications.programId,
      decision: placeQualifications.decision,
      reason: placeQualifications.reason,
      effectiveOn: placeQualifications.effectiveOn,
      decidedBy: users.displayName,
      at: placeQualifications.createdAt,
    })
    .from(placeQualifications)
    .innerJoin(funders, eq(funders.id, placeQualifications.funderId))
    .leftJoin(users, eq(users.id, placeQualifications.decidedBy))
    .where(
      funderId
        ? and(eq(placeQualifications.placeId, placeId), eq(placeQualifications.funderId, funderId))
        : eq(placeQualifications.placeId, placeId),
    )
    .orderBy(asc(placeQualifications.id));
}

/** How many funders work with each place: more than one means it is shared. */
export async function rosterSizes(tx: Queryable, placeIds: string[]) {
  if (placeIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .select({ placeId: funderPlaces.placeId, funders: count() })
    .from(funderPlaces)
    .where(inArray(funderPlaces.placeId, placeIds))
    .groupBy(funderPlaces.placeId);
  return new Map(rows.map((r) => [r.placeId, Number(r.funders)]));
}

/** The standing of every place the funder qualified, per programme. */
export async function standingsOfFunder(tx: Queryable, funderId: string) {
  return tx
    .select({
      placeId: programPlaces.placeId,
      programId: programPlaces.programId,
      standing: programPlaces.standing,
    })
    .from(programPlaces)
    .where(eq(programPlaces.funderId, funderId));
}

/** Adds a server's counts of the calls of its keys to the day's (one statement for all keys). */
export async function addKeyUsage(
  tx: Queryable,
  day: string,
  rows: { keyId: string; calls: number; errors: number; lastAt: Date }[],
) {
  if (rows.length === 0) return;
  await tx
    .insert(apiKeyUsage)
    .values(rows.map((r) => ({ keyId: r.keyId, day, calls: r.calls, errors: r.errors })))
    .onConflictDoUpdate({
      target: [apiKeyUsage.keyId, apiKeyUsage.day],
      set: {
        calls: sql`${apiKeyUsage.calls} + excluded.calls`,
        errors: sql`${apiKeyUsage.errors} + excluded.errors`,
      },
    });
}

/** Records refused calls, keeping the latest `keep` of each key. */
export async function addKeyErrors(
  tx: Queryable,
  errors: (typeof apiKeyErrors.$inferInsert)[],
  keep: number,
) {
  if (errors.length === 0) return;
  await tx.insert(apiKeyErrors).values(errors);
  const keyIds = [...new Set(errors.map((e) => e.keyId))];
  await tx.execute(sql`
    DELETE FROM api_key_errors e
     WHERE e.key_id IN ${keyIds}
       AND e.id NOT IN (SELECT id FROM api_key_errors WHERE key_id = e.key_id ORDER BY at DESC, id DESC LIMIT ${keep})`);
}

export async function keyUsageSince(tx: Queryable, placeId: string, since: string) {
  return tx
    .select({
      keyId: apiKeyUsage.keyId,
      day: apiKeyUsage.day,
      calls: apiKeyUsage.calls,
      errors: apiKeyUsage.errors,
    })
    .from(apiKeyUsage)
    .innerJoin(apiKeys, eq(apiKeys.id, apiKeyUsage.keyId))
    .where(and(eq(apiKeys.placeId, placeId), gte(apiKeyUsage.day, since)))
    .orderBy(desc(apiKeyUsage.day));
}

export async function keyErrorsOf(tx: Queryable, placeId: string) {
  return tx
    .select({
      keyId: apiKeyErrors.keyId,
      at: apiKeyErrors.at,
      method: apiKeyErrors.method,
      route: apiKeyErrors.route,
      status: apiKeyErrors.status,
      code: apiKeyErrors.code,
    })
    .from(apiKeyErrors)
    .innerJoin(apiKeys, eq(apiKeys.id, apiKeyErrors.keyId))
    .where(eq(apiKeys.placeId, placeId))
    .orderBy(desc(apiKeyErrors.at), desc(apiKeyErrors.id));
}

/** The last call of each key, as the recorder saw it (the key cache touches it once a minute too). */
export async function keysUsedAt(tx: Queryable, rows: { keyId: string; lastAt: Date }[]) {
  for (const r of rows) {
    await tx
      .update(apiKeys)
      .set({ lastUsedAt: r.lastAt })
      .where(and(eq(apiKeys.id, r.keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, r.lastAt))));
  }
}

/** The places whose standing for the programme is approved. */
export async function approvedPlacesOf(tx: Queryable, programId: string): Promise<string[]> {
  const rows = await tx
    .select({ placeId: programPlaces.placeId })
    .from(programPlaces)
    .where(and(eq(programPlaces.programId, programId), eq(programPlaces.standing, 'approved')));
  return rows.map((r) => r.placeId);
}

/** Whether the place has filled in its profile: the directory lists only places that have. */
export async function hasProfile(db: Queryable, placeId: string): Promise<boolean> {
  const { rows } = await db.execute<{ listed: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM place_profiles WHERE place_id = ${placeId}) AS listed`,
  );
  return rows[0]!.listed;
}
