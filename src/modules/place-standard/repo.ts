import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { organisations, placeImports, placeProfiles, programPlaces } from '../../db/schema/index.js';

export type ProfileRow = typeof placeProfiles.$inferSelect;
export type ProfileValues = typeof placeProfiles.$inferInsert;

/** The profiles an import names by (source, id in the source). */
export async function profilesByExternalIds(tx: Queryable, keys: { source: string; externalId: string }[]) {
  if (keys.length === 0) return [];
  return tx
    .select()
    .from(placeProfiles)
    .where(
      sql`(${placeProfiles.source}, ${placeProfiles.externalId}) IN (SELECT * FROM unnest(${sql.param(
        keys.map((k) => k.source),
      )}::text[], ${sql.param(keys.map((k) => k.externalId))}::text[]))`,
    );
}

export async function profilesOf(tx: Queryable, placeIds: string[]) {
  if (placeIds.length === 0) return [];
  return tx
    .select()
    .from(placeProfiles)
    .where(sql`${placeProfiles.placeId} = ANY(${sql.param(placeIds)}::uuid[])`);
}

const COLUMNS = [
  'place_id',
  'address',
  'address_complement',
  'postcode',
  'latitude',
  'longitude',
  'opening_hours',
  'services',
  'publics',
  'specific_support',
  'access_modes',
  'support_modes',
  'fees',
  'phone',
  'emails',
  'website',
  'booking_url',
  'accessibility_url',
  'summary',
  'description',
  'source',
  'external_id',
  'updated_at',
];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** Each field's column, computed once: thousands of rows are renamed per batch. */
const columnOf = new Map<string, string>();
const columnNamed = (k: string) => {
  let c = columnOf.get(k);
  if (c === undefined) columnOf.set(k, (c = snake(k)));
  return c;
};

/**
 * Writes many profiles in one statement: new ones inserted, existing ones replaced. The rows
 * go as one JSON parameter read by the table's own row type: thousands of rows, one bind.
 * `fresh`: profiles of places created in this transaction, inserted without the conflict check.
 */
export async function upsertProfiles(tx: Queryable, rows: ProfileValues[], fresh = false) {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => {
      const row: Record<string, unknown> = {};
      for (const k in r) row[columnNamed(k)] = r[k as keyof ProfileValues];
      return row;
    }),
  );
  const columns = sql.raw(COLUMNS.join(', '));
  const updates = sql.raw(
    COLUMNS.slice(1)
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  );
  await tx.execute(sql`
    INSERT INTO place_profiles (${columns})
    SELECT ${columns} FROM json_populate_recordset(NULL::place_profiles, ${json}::json)
    ${fresh ? sql`` : sql`ON CONFLICT (place_id) DO UPDATE SET ${updates}`}`);
}

/** The places a funder qualified (approved, not suspended, for one of its programmes) with a profile. */
export async function qualifiedPlaces(tx: Queryable, funderId: string) {
  return tx
    .selectDistinctOn([organisations.id], {
      id: organisations.id,
      name: organisations.name,
      siret: organisations.siret,
      communeCode: organisations.communeCode,
      profile: placeProfiles,
    })
    .from(programPlaces)
    .innerJoin(organisations, eq(organisations.id, programPlaces.placeId))
    .innerJoin(placeProfiles, eq(placeProfiles.placeId, programPlaces.placeId))
    .where(and(eq(programPlaces.funderId, funderId), eq(programPlaces.standing, 'approved')))
    .orderBy(organisations.id);
}

export async function insertImport(tx: Queryable, values: typeof placeImports.$inferInsert) {
  const [row] = await tx.insert(placeImports).values(values).returning({ id: placeImports.id });
  return row!;
}

export async function updateImport(
  tx: Queryable,
  id: string,
  values: Partial<typeof placeImports.$inferInsert>,
) {
  await tx.update(placeImports).set(values).where(eq(placeImports.id, id));
}

export async function findImport(tx: Queryable, funderId: string, id: string) {
  const [row] = await tx
    .select()
    .from(placeImports)
    .where(and(eq(placeImports.funderId, funderId), eq(placeImports.id, id)));
  return row;
}
