import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { byFrenchName } from '../../core/french.js';
import type { Queryable } from '../../db/client.js';
import type { TerritoryRef } from '../../db/schema/index.js';
import {
  funderBankAccounts,
  funderPlaces,
  funders,
  memberships,
  organisations,
  users,
} from '../../db/schema/index.js';

export type FunderRow = typeof funders.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;

export async function listFunders(tx: Queryable, ids: 'all' | string[]): Promise<FunderRow[]> {
  if (ids !== 'all' && ids.length === 0) return [];
  // In French order: the database's collation puts « Île-de-France » after « Zèbre ».
  return tx
    .select()
    .from(funders)
    .where(ids === 'all' ? undefined : inArray(funders.id, ids))
    .then(byFrenchName);
}

/**
 * Another funder of this name (case, accents and spaces aside) than `exceptId`, if any: names
 * folded by person_name_key, as the unique index funders_name folds them (migration 0067).
 */
export async function findFunderByName(
  tx: Queryable,
  name: string,
  exceptId?: string,
): Promise<FunderRow | undefined> {
  const [row] = await tx
    .select()
    .from(funders)
    .where(
      and(
        sql`person_name_key(${funders.name}) = person_name_key(${name})`,
        exceptId ? ne(funders.id, exceptId) : undefined,
      ),
    );
  return row;
}

export async function findFunder(tx: Queryable, id: string): Promise<FunderRow | undefined> {
  const [row] = await tx.select().from(funders).where(eq(funders.id, id));
  return row;
}

/** Another funder of this SIRET than `exceptId`, if any. */
export async function findFunderBySiret(
  tx: Queryable,
  siret: string,
  exceptId?: string,
): Promise<FunderRow | undefined> {
  const [row] = await tx
    .select()
    .from(funders)
    .where(and(eq(funders.siret, siret), exceptId ? ne(funders.id, exceptId) : undefined));
  return row;
}

export async function insertFunder(tx: Queryable, values: typeof funders.$inferInsert): Promise<FunderRow> {
  const [row] = await tx.insert(funders).values(values).returning();
  return row!;
}

/**
 * The funder's organisations: its prescribers, and the places it works with (a place
 * belongs to no funder, it is on the rosters of those that invited or qualified it).
 */
const ofFunder = (funderId: string) =>
  sql`(${organisations.funderId} = ${funderId} OR EXISTS (SELECT 1 FROM ${funderPlaces}
        WHERE ${funderPlaces.funderId} = ${funderId} AND ${funderPlaces.placeId} = ${organisations.id}))`;

export async function findOrganisation(tx: Queryable, funderId: string, id: string) {
  const [row] = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, id), ofFunder(funderId)));
  return row;
}

export async function findOrganisationById(tx: Queryable, id: string) {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function listOrganisations(tx: Queryable, funderId: string): Promise<OrganisationRow[]> {
  return byFrenchName(await tx.select().from(organisations).where(ofFunder(funderId)));
}

export async function insertOrganisation(tx: Queryable, values: typeof organisations.$inferInsert) {
  const [row] = await tx.insert(organisations).values(values).returning();
  return row!;
}

/** Puts a place on the funder's roster; true when it was not there yet. */
export async function addToRoster(tx: Queryable, funderId: string, placeId: string): Promise<boolean> {
  const rows = await tx.insert(funderPlaces).values({ funderId, placeId }).onConflictDoNothing().returning();
  return rows.length > 0;
}

/** The funders whose roster holds the place. */
export async function fundersOfPlace(tx: Queryable, placeId: string): Promise<string[]> {
  const rows = await tx
    .select({ funderId: funderPlaces.funderId })
    .from(funderPlaces)
    .where(eq(funderPlaces.placeId, placeId))
    .orderBy(asc(funderPlaces.since));
  return rows.map((r) => r.funderId);
}

/**
 * A place of this SIRET, whichever funders work with it. An association may run several sites
 * under one SIRET (its head office's): this tells whether the SIRET is on the platform at all.
 */
export async function findPlaceBySiret(tx: Queryable, siret: string) {
  const [row] = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.kind, 'place'), eq(organisations.siret, siret)))
    .orderBy(asc(organisations.createdAt), asc(organisations.id))
    .limit(1);
  return row;
}

/**
 * The places of this SIRET (the sites of one structure, often one), by name, each with whether
 * it bears this name once folded as person_name_key folds it (case, accents, apostrophes,
 * hyphens): the site a funder or a file names by its SIRET and its name.
 */
export async function placesOfSiret(tx: Queryable, siret: string, name: string) {
  return tx
    .select({
      place: organisations,
      sameName: sql<boolean>`person_name_key(${organisations.name}) = person_name_key(${name}::text)`,
    })
    .from(organisations)
    .where(and(eq(organisations.kind, 'place'), eq(organisations.siret, siret)))
    .orderBy(asc(organisations.name), asc(organisations.id));
}

/** Adding places of one SIRET waits for the other adding them: the second finds the first's. */
export async function lockPlaceSiret(tx: Queryable, siret: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`place-siret:${siret}`}))`);
}

/**
 * Two names of one place, as people type them: equal once folded as person_name_key folds
 * them (case, accents, apostrophes, hyphens), or close by their trigrams (pg_trgm, migration
 * 0068): « Mediatheque d'Etain » for « Médiathèque d’Étain », « Médiathèque municipale
 * d’Étain » too, but not « Médiathèque Louis Aragon » for « Médiathèque ».
 */
const SIMILAR_NAMES = 0.6;
// Numbered places of one network (« Espace public numérique n° 1 », « n° 2 ») are as many
// places: names whose digits differ are never alike, however close their letters.
const namesAlike = (name: string) =>
  sql`(person_name_key(${organisations.name}) = person_name_key(${name}::text)
       OR (similarity(person_name_key(${organisations.name}), person_name_key(${name}::text)) >= ${SIMILAR_NAMES}
           AND regexp_replace(${organisations.name}, '[^0-9]', '', 'g') = regexp_replace(${name}::text, '[^0-9]', '', 'g')))`;

/** The places of this commune whose name is alike this one (namesAlike), closest first. */
export async function placesNamedAlike(
  tx: Queryable,
  communeCode: string,
  name: string,
): Promise<OrganisationRow[]> {
  return tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.kind, 'place'), eq(organisations.communeCode, communeCode), namesAlike(name)))
    .orderBy(
      desc(sql`similarity(person_name_key(${organisations.name}), person_name_key(${name}::text))`),
      asc(organisations.id),
    )
    .limit(5);
}

/** How person_name_key (migration 0016) cuts a name into words: what it folds into a space. */
const NAME_KEY_SEPARATORS = /[\s'’ʼ.\-‐‑–]+/u;

/**
 * The places of the platform whose name holds every word typed at the start of one of its
 * words, folded by person_name_key (« etain » finds « Médiathèque d’Étain »), by name, with
 * whether each is on the funder's roster already. Each word is also asked to be somewhere in the
 * folded name (a LIKE '%…%', its `%` and `_` taken as letters): the trigram index on the folded name
 * (migration 0080) serves that, where the start-of-a-word test alone read every place.
 */
export async function placesNamed(tx: Queryable, funderId: string, words: string, limit: number) {
  const contained = words
    .split(NAME_KEY_SEPARATORS)
    .filter((w) => w !== '')
    .map(
      (w) =>
        sql`AND person_name_key(o.name)
              LIKE '%' || replace(replace(replace(person_name_key(${w}::text), '=', '=='), '%', '=%'), '_', '=_') || '%'
              ESCAPE '='`,
    );
  const { rows } = await tx.execute<{
    id: string;
    name: string;
    siret: string | null;
    communeCode: string | null;
    onRoster: boolean;
  }>(sql`
    SELECT o.id, o.name, o.siret, o.commune_code AS "communeCode",
           EXISTS (SELECT 1 FROM funder_places r WHERE r.funder_id = ${funderId} AND r.place_id = o.id)
             AS "onRoster"
      FROM organisations o
     WHERE o.kind = 'place'
       ${sql.join(contained, sql` `)}
       AND NOT EXISTS (
         SELECT 1 FROM unnest(string_to_array(person_name_key(${words}::text), ' ')) w
          WHERE position(' ' || w IN ' ' || person_name_key(o.name)) = 0)
     ORDER BY person_name_key(o.name), o.commune_code, o.id
     LIMIT ${limit}`);
  return rows;
}

export async function listPrescribers(tx: Queryable, funderId: string): Promise<OrganisationRow[]> {
  return byFrenchName(
    await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.funderId, funderId), eq(organisations.kind, 'prescriber'))),
  );
}

/** The funder's prescriber of this name, names folded as the unique index folds them. */
export async function findPrescriberByName(tx: Queryable, funderId: string, name: string) {
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        eq(organisations.funderId, funderId),
        eq(organisations.kind, 'prescriber'),
        sql`person_name_key(${organisations.name}) = person_name_key(${name})`,
      ),
    );
  return row;
}

/** The funder row, locked: two admins changing the territory at once are taken in turn. */
export async function lockFunder(tx: Queryable, id: string): Promise<FunderRow | undefined> {
  const [row] = await tx.select().from(funders).where(eq(funders.id, id)).for('update');
  return row;
}

/** A place's row, locked (a change of its team is taken in turn); false if no such place. */
export async function lockPlace(tx: Queryable, placeId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, placeId), eq(organisations.kind, 'place')))
    .for('update');
  return rows.length > 0;
}

export async function setTerritory(tx: Queryable, id: string, territory: TerritoryRef[]) {
  await tx.update(funders).set({ territory }).where(eq(funders.id, id));
}

export async function setIdentity(
  tx: Queryable,
  id: string,
  identity: { name: string; kind: string; siret: string },
): Promise<FunderRow> {
  const [row] = await tx.update(funders).set(identity).where(eq(funders.id, id)).returning();
  return row!;
}

export async function setFourEyes(tx: Queryable, id: string, fourEyes: boolean) {
  await tx.update(funders).set({ fourEyes }).where(eq(funders.id, id));
}

/** How many people are the funder's admins (the four-eyes rule needs two). */
export async function setRetention(tx: Queryable, id: string, beneficiaryRetentionMonths: number) {
  await tx.update(funders).set({ beneficiaryRetentionMonths }).where(eq(funders.id, id));
}

export async function setUnusualDayRule(
  tx: Queryable,
  id: string,
  rule: { minimum: number; factor: number },
) {
  await tx
    .update(funders)
    .set({ unusualDayMinimum: rule.minimum, unusualDayFactor: rule.factor })
    .where(eq(funders.id, id));
}

export async function setPlaceContact(
  tx: Queryable,
  id: string,
  contact: { email: string; phone: string | null } | null,
) {
  await tx
    .update(funders)
    .set({ placeContactEmail: contact?.email ?? null, placeContactPhone: contact?.phone ?? null })
    .where(eq(funders.id, id));
}

/** The contact for places of these funders, with their names (one query). */
export async function placeContactsOf(tx: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      funderId: funders.id,
      funderName: funders.name,
      email: funders.placeContactEmail,
      phone: funders.placeContactPhone,
    })
    .from(funders)
    .where(inArray(funders.id, ids));
}

export async function setPrivacyContact(tx: Queryable, id: string, privacyContact: string | null) {
  await tx.update(funders).set({ privacyContact }).where(eq(funders.id, id));
}

/**
 * The funder's admins who can act: a live membership of an account not disabled. An account the
 * platform's operator disabled can no longer sign in, so it is not the other admin the four-eyes
 * rule waits for (auth/repo.ts `liveAdminCount` counts the same for a team's last admins).
 */
export async function adminCount(tx: Queryable, funderId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(DISTINCT ${memberships.userId})::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.funderId, funderId),
        eq(memberships.role, 'funder_admin'),
        isNull(memberships.endedAt),
        isNull(users.disabledAt),
      ),
    );
  return row?.n ?? 0;
}

export async function insertBankAccount(tx: Queryable, values: typeof funderBankAccounts.$inferInsert) {
  const [row] = await tx.insert(funderBankAccounts).values(values).returning();
  return row!;
}

/** Every version of the funder's bank account, latest first, with who recorded it. */
export async function bankAccounts(tx: Queryable, funderId: string) {
  return tx
    .select({
      id: funderBankAccounts.id,
      iban: funderBankAccounts.iban,
      bic: funderBankAccounts.bic,
      holder: funderBankAccounts.holder,
      recordedAt: funderBankAccounts.recordedAt,
      recordedBy: users.displayName,
    })
    .from(funderBankAccounts)
    .leftJoin(users, eq(users.id, funderBankAccounts.recordedBy))
    .where(eq(funderBankAccounts.funderId, funderId))
    .orderBy(desc(funderBankAccounts.recordedAt), desc(funderBankAccounts.id));
}
/** The funders whose current account (the one their runs debit) has this IBAN, by name. */
export async function fundersDebitingIban(tx: Queryable, iban: string): Promise<string[]> {
  const { rows } = await tx.execute<{ name: string }>(sql`
    SELECT f.name FROM funders f
      JOIN LATERAL (SELECT a.iban FROM funder_bank_accounts a WHERE a.funder_id = f.id
                     ORDER BY a.recorded_at DESC, a.id DESC LIMIT 1) cur ON cur.iban = ${iban}
     ORDER BY f.name`);
  return rows.map((r) => r.name);
}

export async function updatePlace(
  tx: Queryable,
  placeId: string,
  values: { name: string; communeCode: string },
) {
  const [row] = await tx
    .update(organisations)
    .set(values)
    .where(and(eq(organisations.id, placeId), eq(organisations.kind, 'place')))
    .returning();
  return row;
}

// Places in bulk, for imports in the national standard (module place-standard).

export type PlaceIdentity = { id: string; name: string; siret: string | null; communeCode: string | null };
// Thousands of rows go as one array parameter per column (unnest), not one parameter per value:
// building and binding a statement of 5,000 parameters cost the import more than its writes.
const column = <T>(rows: T[], pick: (r: T) => string | null) => sql.param(rows.map(pick));

/**
 * Creates places and puts them, with `existing` places, on the funder's roster, in one statement;
 * answers the places that joined it (those already on it are left as they are).
 */
export async function insertPlacesOnRoster(
  tx: Queryable,
  funderId: string,
  created: PlaceIdentity[],
  existing: string[],
): Promise<string[]> {
  if (created.length === 0 && existing.length === 0) return [];
  const { rows } = await tx.execute<{ placeId: string }>(sql`
    WITH created AS (
      INSERT INTO organisations (id, kind, name, siret, commune_code)
      SELECT id, 'place', name, siret, commune_code
        FROM unnest(${column(created, (r) => r.id)}::uuid[], ${column(created, (r) => r.name)}::text[],
                    ${column(created, (r) => r.siret)}::text[], ${column(created, (r) => r.communeCode)}::text[])
          AS t(id, name, siret, commune_code)
      RETURNING id)
    INSERT INTO funder_places (funder_id, place_id)
    SELECT ${funderId}::uuid, id FROM created
    UNION ALL SELECT ${funderId}::uuid, unnest(${sql.param(existing)}::uuid[])
    ON CONFLICT DO NOTHING
    RETURNING place_id AS "placeId"`);
  return rows.map((r) => r.placeId);
}

export async function updatePlaceIdentities(tx: Queryable, rows: PlaceIdentity[]) {
  if (rows.length === 0) return;
  await tx.execute(sql`
    UPDATE organisations o SET name = v.name, siret = v.siret, commune_code = v.commune_code
      FROM unnest(${column(rows, (r) => r.id)}::uuid[], ${column(rows, (r) => r.name)}::text[],
                  ${column(rows, (r) => r.siret)}::text[], ${column(rows, (r) => r.communeCode)}::text[])
        AS v(id, name, siret, commune_code)
     WHERE o.id = v.id AND o.kind = 'place'`);
}

/** Organisations' names and communes, by id, in one query. */
export async function organisationsWithCommune(tx: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: organisations.id, name: organisations.name, communeCode: organisations.communeCode })
    .from(organisations)
    .where(inArray(organisations.id, ids));
}

export async function organisationNames(tx: Queryable, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, ids));
}

/** The territories of the funder's envelopes, which its own territory must keep covering. */
export async function envelopeTerritories(
  tx: Queryable,
  funderId: string,
): Promise<{ name: string; territory: TerritoryRef[] }[]> {
  const { rows } = await tx.execute<{ name: string; territory: TerritoryRef[] }>(sql`
    SELECT name, territory FROM envelopes WHERE funder_id = ${funderId} ORDER BY name`);
  return rows;
}
