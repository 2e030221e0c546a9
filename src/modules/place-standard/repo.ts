import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { organisations, placeImports, placeProfiles, programPlaces } from '../../db/schema/index.js';

export type ProfileRow = typeof placeProfiles.$inferSelect;
export type ProfileValues = typeof placeProfiles.$inferInsert;

/** What an import compares of a known place's profile. */
export type KnownProfile = Pick<
  ProfileRow,
  | 'source'
  | 'externalId'
  | 'address'
  | 'addressComplement'
  | 'postcode'
  | 'latitude'
  | 'longitude'
  | 'openingHours'
  | 'services'
  | 'publics'
  | 'specificSupport'
  | 'accessModes'
  | 'supportModes'
  | 'fees'
  | 'phone'
  | 'emails'
  | 'website'
  | 'bookingUrl'
  | 'accessibilityUrl'
  | 'summary'
  | 'description'
>;

export interface KnownPlace {
  /** The line's rank in the batch, from 0. */
  rank: number;
  id: string;
  name: string;
  siret: string | null;
  communeCode: string | null;
  onRoster: boolean;
  /** On another funder's roster: its name is how that funder knows it, which an import keeps. */
  shared: boolean;
  profile: KnownProfile | null;
}

/** A profile column's field, computed once per column: thousands of rows are renamed per batch. */
const fieldOf = new Map<string, string>();
const camel = (k: string) => {
  let f = fieldOf.get(k);
  if (f === undefined) fieldOf.set(k, (f = k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())));
  return f;
};
const fieldsOf = (json: Record<string, unknown>) => {
  const profile: Record<string, unknown> = {};
  for (const k in json) profile[camel(k)] = json[k];
  return profile as KnownProfile;
};

/**
 * The places a batch of an import already knows, in one statement (one round trip per batch,
 * which a loaded machine makes long): each line's place by its (source, id in the source), else
 * by its SIRET and its name, with its identity, whether the funder has it on its roster, and its
 * profile. An association may run several sites under one SIRET: a line is the place of its
 * SIRET that bears its name (case, accents, hyphens aside), or the SIRET's one place, whatever
 * its name, unless the SIRET has several or the file names several sites of it (`otherSites`).
 * A line left unknown whose SIRET has places gets their names (`sites`): the import tells which.
 * It reads the funders' tables (organisations, funder_places) as the export does; they are
 * written by `funders` only.
 */
export async function knownPlaces(
  tx: Queryable,
  funderId: string,
  lines: { source: string; externalId: string; siret: string | null; name: string; otherSites: boolean }[],
): Promise<{ places: KnownPlace[]; sites: Map<number, string[]> }> {
  if (lines.length === 0) return { places: [], sites: new Map() };
  const { rows } = await tx.execute<
    Omit<KnownPlace, 'profile' | 'id'> & {
      id: string | null;
      profile: Record<string, unknown> | null;
      sites: string[] | null;
    }
  >(sql`
    WITH k AS (
      SELECT * FROM unnest(${sql.param(lines.map((l) => l.source))}::text[],
                           ${sql.param(lines.map((l) => l.externalId))}::text[],
                           ${sql.param(lines.map((l) => l.siret))}::text[],
                           ${sql.param(lines.map((l) => l.name))}::text[],
                           ${sql.param(lines.map((l) => l.otherSites))}::boolean[])
               WITH ORDINALITY AS k(source, external_id, siret, name, other_sites, n)
    ), s AS (
      SELECT k.n, o.id, o.name, o.created_at,
             person_name_key(o.name) = person_name_key(k.name) AS same,
             count(*) OVER (PARTITION BY k.n) AS of_siret
        FROM k JOIN organisations o ON o.kind = 'place' AND o.siret = k.siret
    ), m AS (
      SELECT k.n, coalesce(
        (SELECT p.place_id FROM place_profiles p WHERE p.source = k.source AND p.external_id = k.external_id),
        (SELECT s.id FROM s WHERE s.n = k.n AND (s.same OR (s.of_siret = 1 AND NOT k.other_sites))
          ORDER BY s.same DESC, s.created_at, s.id LIMIT 1)) AS place_id,
        (SELECT array_agg(s.name ORDER BY s.name) FROM s WHERE s.n = k.n) AS sites
      FROM k
    )
    SELECT (m.n - 1)::int AS rank, o.id, o.name, o.siret, o.commune_code AS "communeCode",
           EXISTS (SELECT 1 FROM funder_places fp WHERE fp.funder_id = ${funderId}::uuid AND fp.place_id = o.id)
             AS "onRoster",
           EXISTS (SELECT 1 FROM funder_places fp WHERE fp.place_id = o.id AND fp.funder_id <> ${funderId}::uuid)
             AS shared,
           to_json(p) AS profile, m.sites
      FROM m LEFT JOIN organisations o ON o.id = m.place_id AND o.kind = 'place'
      LEFT JOIN place_profiles p ON p.place_id = o.id
     WHERE o.id IS NOT NULL OR m.sites IS NOT NULL`);
  const places: KnownPlace[] = [];
  const sites = new Map<number, string[]>();
  for (const { sites: named, profile, id, ...r } of rows) {
    if (id === null) sites.set(r.rank, named ?? []);
    else places.push({ ...r, id, profile: profile ? fieldsOf(profile) : null });
  }
  return { places, sites };
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
