import { conflict, DomainError, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { oneLine } from '../../core/french.js';
import { type Actor, requireFunder } from '../../core/permissions.js';
import type { PrescriberKind } from '../../core/prescriber-kinds.js';
import { normaliseSiret, siretProblem } from '../../core/siret.js';
import {
  communePlace,
  communesOfPostcode,
  communeWithin,
  searchKey,
  territoryName,
} from '../../core/territory.js';
import type { Db, Queryable } from '../../db/client.js';
import { uniqueViolated } from '../../db/sqlstate.js';
import * as audit from '../audit/service.js';
import * as repo from './repo.js';
import type { CreatePlaceInput, CreatePrescriberInput } from './schemas.js';
import { communeName, territoryOf } from './territory.js';

/**
 * The organisations a funder works with: its prescribers and the places on its roster (a place
 * shared by several funders), found, added one by one or in bulk, renamed, shown and named.
 */

export const findOrganisation = repo.findOrganisation;

/** The funder's prescriber of this name (names folded as the unique index folds them), if any. */
export const findPrescriberByName = repo.findPrescriberByName;

/** A place by id alone, for the operator's command line. */
export async function findPlace(tx: Queryable, id: string) {
  const row = await repo.findOrganisationById(tx, id);
  return row?.kind === 'place' ? row : undefined;
}

/** A prescriber organisation by id, whichever funder it belongs to (callers authorise). */
export async function findPrescriber(tx: Queryable, id: string) {
  const row = await repo.findOrganisationById(tx, id);
  return row?.kind === 'prescriber' && row.funderId ? { ...row, funderId: row.funderId } : undefined;
}

/** The funder's prescribers or places, for the people who allocate booklets or qualify places. */
export async function organisationsOf(
  db: Queryable,
  actor: Actor,
  funderId: string,
  kind?: 'prescriber' | 'place',
) {
  requireFunder(actor, 'stock:read', funderId, 'Financeur');
  const rows = await repo.listOrganisations(db, funderId);
  return rows
    .filter((r) => !kind || r.kind === kind)
    .map((r) => ({ id: r.id, kind: r.kind, name: r.name, communeCode: r.communeCode }));
}

export async function insertOrganisation(
  tx: Queryable,
  actor: Actor | null,
  input: {
    funderId: string;
    kind: 'prescriber' | 'place';
    name: string;
    siret?: string;
    communeCode?: string;
    prescriberKind?: PrescriberKind;
    join?: repo.OrganisationRow | null;
  },
) {
  if (input.kind === 'place') return addPlace(tx, actor, input);
  const row = await repo.insertOrganisation(tx, input);
  await audit.record(tx, {
    actor,
    funderId: input.funderId,
    action: 'organisation.create',
    objectType: 'organisation',
    objectId: row.id,
    summary: {
      kind: row.kind,
      name: row.name,
      ...(row.prescriberKind ? { prescriberKind: row.prescriberKind } : {}),
      ...(row.siret ? { siret: row.siret } : {}),
      ...(row.communeCode ? { communeCode: row.communeCode } : {}),
    },
  });
  return row;
}

/**
 * A place joins the funder's roster. A place is one organisation of the platform: one of the
 * same SIRET and the same name, already working with another funder, is the same place and is
 * shared, not copied (issue 11, point 3); otherwise it is created, belonging to no funder.
 * `join`: the caller chose (the place to share, or null for a new site of a SIRET on the platform).
 */
async function addPlace(
  tx: Queryable,
  actor: Actor | null,
  input: {
    funderId: string;
    name: string;
    siret?: string;
    communeCode?: string;
    join?: repo.OrganisationRow | null;
  },
) {
  const existing =
    input.join !== undefined
      ? (input.join ?? undefined)
      : input.siret
        ? (await repo.placesOfSiret(tx, input.siret, input.name)).find((p) => p.sameName)?.place
        : undefined;
  const row =
    existing ??
    (await repo.insertOrganisation(tx, {
      kind: 'place',
      funderId: null,
      name: input.name,
      siret: input.siret ?? null,
      communeCode: input.communeCode ?? null,
    }));
  await putOnRoster(tx, actor, input.funderId, row, existing ? 'place.join_roster' : 'organisation.create');
  return row;
}

/** The place on the funder's roster, audited when it was not on it yet. */
async function putOnRoster(
  tx: Queryable,
  actor: Actor | null,
  funderId: string,
  row: repo.OrganisationRow,
  action: 'place.join_roster' | 'organisation.create',
) {
  if (!(await repo.addToRoster(tx, funderId, row.id))) return;
  await audit.record(tx, {
    actor,
    funderId,
    action,
    objectType: 'organisation',
    objectId: row.id,
    summary: {
      kind: 'place',
      name: row.name,
      ...(row.siret ? { siret: row.siret } : {}),
      ...(row.communeCode ? { communeCode: row.communeCode } : {}),
    },
  });
}

/** A prescriber as the funder's pages show it: its commune by its official name. */
export function presentPrescriber(row: repo.OrganisationRow) {
  return {
    id: row.id,
    name: row.name,
    kind: (row.prescriberKind as PrescriberKind | null) ?? null,
    siret: row.siret,
    communeCode: row.communeCode,
    communeName: row.communeCode
      ? (territoryName({ level: 'commune', code: row.communeCode }) ?? null)
      : null,
  };
}

/** The funder's prescriber organisations, with their kind and commune. */
export async function prescribersOf(db: Queryable, actor: Actor, funderId: string) {
  requireFunder(actor, 'stock:read', funderId, 'Financeur');
  return (await repo.listPrescribers(db, funderId)).map(presentPrescriber);
}

const duplicateName = () =>
  conflict('prescriber_name_taken', 'Ce financeur a déjà un prescripteur de ce nom.', [
    { field: 'name', message: 'Un prescripteur de ce financeur porte déjà ce nom : choisissez-en un autre.' },
  ]);

/**
 * A funder admin adds a prescriber organisation (issue 11, point 2), whose agents it then
 * invites. The commune is one the commune search offered (a current INSEE code); the SIRET
 * is optional but must be a real one when given; the name is unique within the funder.
 */
export async function createPrescriber(db: Db, actor: Actor, funderId: string, input: CreatePrescriberInput) {
  requireFunder(actor, 'organisation:write', funderId, 'Financeur');
  const name = oneLine(input.name);
  const siret = input.siret ? normaliseSiret(input.siret) : undefined;
  const issues: FieldIssue[] = [];
  const siretWrong = siret === undefined ? null : siretProblem(siret);
  if (siretWrong) issues.push({ field: 'siret', message: `${siretWrong} Ou laissez le champ vide.` });
  if (!territoryName({ level: 'commune', code: input.communeCode }))
    issues.push({
      field: 'communeCode',
      message: 'Choisissez la commune dans la liste proposée par la recherche.',
    });
  if (issues.length) throw invalid(issues);
  try {
    return await db.transaction(async (tx) => {
      if (await repo.findPrescriberByName(tx, funderId, name)) throw duplicateName();
      const row = await insertOrganisation(tx, actor, {
        funderId,
        kind: 'prescriber',
        name,
        prescriberKind: input.kind,
        communeCode: input.communeCode,
        ...(siret ? { siret } : {}),
      });
      return presentPrescriber(row);
    });
  } catch (e) {
    // Two admins adding the same name at once: the unique index decides, the second is told why.
    if (isNameRace(e)) throw duplicateName();
    throw e;
  }
}

/**
 * The funder adds a place it works with (issue 11, point 3). A place of the same SIRET and the
 * same name (case, accents and hyphens aside) already on the platform is the same place, shared:
 * it joins this funder's roster and keeps its account, keys and history. The funder then
 * qualifies it for its programmes, one by one.
 *
 * What was typed must agree with what the platform knows: a SIRET whose places bear other names
 * (or lie in another commune) is refused, naming them (a mistyped SIRET would put a stranger on
 * the roster), until the funder confirms with `confirmOtherSite` that it adds another site of the
 * same structure (an association runs its sites under its head office's SIRET); a new place
 * whose name is close to a place's of the same commune is refused, naming it, until the funder
 * confirms it is another one (a second « Médiathèque d’Étain » would split its history and its
 * statements). The funder adds a place named by a refusal with `joinRoster`, as from the search
 * of the places on the platform.
 */
export async function createPlace(db: Db, actor: Actor, funderId: string, input: CreatePlaceInput) {
  requireFunder(actor, 'organisation:write', funderId, 'Financeur');
  const siret = normaliseSiret(input.siret);
  const issues: FieldIssue[] = [];
  const siretWrong = siretProblem(siret);
  if (siretWrong) issues.push({ field: 'siret', message: siretWrong });
  if (!territoryName({ level: 'commune', code: input.communeCode }))
    issues.push({
      field: 'communeCode',
      message: 'Choisissez la commune dans la liste proposée par la recherche.',
    });
  if (issues.length) throw invalid(issues);
  const name = oneLine(input.name);
  return db.transaction(async (tx) => {
    await repo.lockPlaceSiret(tx, siret);
    const sites = await repo.placesOfSiret(tx, siret, name);
    const same = sites.find((s) => s.sameName && s.place.communeCode === input.communeCode)?.place;
    if (sites.length > 0 && !same && !input.confirmOtherSite)
      throw siretOfOtherPlaces(sites.map((s) => s.place));
    if (!same && !input.confirmNewPlace) {
      // The sites of the SIRET were named by its refusal: the funder said this is another one.
      const ofSiret = new Set(sites.map((s) => s.place.id));
      const alike = (await repo.placesNamedAlike(tx, input.communeCode, name)).filter(
        (p) => !ofSiret.has(p.id),
      );
      if (alike.length > 0) throw similarPlaceExists(alike);
    }
    const row = await insertOrganisation(tx, actor, {
      funderId,
      kind: 'place',
      name,
      siret,
      communeCode: input.communeCode,
      join: same ?? null,
    });
    return { ...presentOrganisation(row), shared: same !== undefined };
  });
}

/** « Médiathèque d’Étain » (Étain): a place as a refusal names it. */
const placeText = (row: repo.OrganisationRow) =>
  `« ${row.name} » (${communeName(row.communeCode) ?? 'commune non renseignée'})`;

function siretOfOtherPlaces(rows: repo.OrganisationRow[]) {
  const named = rows.map(placeText).join(' ; ');
  const one = rows.length === 1;
  return new DomainError(
    'place_siret_differs',
    `Ce SIRET est celui ${one ? 'du lieu' : 'des lieux'} ${named}, déjà sur la plateforme. S’il s’agit ${one ? 'de ce lieu' : 'de l’un d’eux'}, ajoutez-le tel qu’il est ; s’il s’agit d’un autre site de la même structure (une association dont les sites ont le SIRET de son siège), confirmez-le pour le créer avec ce SIRET ; sinon, vérifiez le SIRET.`,
    [{ field: 'siret', message: `Ce SIRET est celui de ${named}, pas du lieu décrit.` }],
    { places: rows.map(presentOrganisation) },
  );
}

function similarPlaceExists(rows: repo.OrganisationRow[]) {
  const named = rows.map(placeText).join(' ; ');
  const one = rows.length === 1;
  return new DomainError(
    'place_similar_exists',
    `${one ? 'Un lieu au nom proche est' : 'Des lieux au nom proche sont'} déjà sur la plateforme dans cette commune : ${named}. S’il s’agit ${one ? 'de lui' : 'de l’un d’eux'}, ajoutez-le plutôt que d’en créer un second ; s’il s’agit d’un autre lieu, confirmez-le pour le créer.`,
    [{ field: 'name', message: `Un lieu au nom proche existe déjà dans cette commune : ${named}.` }],
    { places: rows.map(presentOrganisation) },
  );
}

/**
 * The funder adds a place already on the platform, chosen from the search or named by a
 * refusal: it joins the roster as it is, shared (its name, SIRET and commune are its admin's).
 * Added again, nothing changes.
 */
export async function joinRoster(db: Db, actor: Actor, funderId: string, placeId: string) {
  requireFunder(actor, 'organisation:write', funderId, 'Financeur');
  return db.transaction(async (tx) => {
    const row = await findPlace(tx, placeId);
    if (!row) throw notFound('Lieu');
    const others = (await repo.fundersOfPlace(tx, placeId)).filter((id) => id !== funderId);
    await putOnRoster(tx, actor, funderId, row, 'place.join_roster');
    return { ...presentOrganisation(row), shared: others.length > 0 };
  });
}

/** Places shown by a search, and read to put the funder's territory first. */
const SEARCH_SHOWN = 20;
const SEARCH_READ = 200;

/**
 * The places of the platform whose name holds the words typed (case and accents aside), for a
 * funder's admin choosing its places: only what is public of each (name, commune, SIRET), and
 * whether it is on the roster already; those of the funder's territory first.
 */
export async function searchPlatformPlaces(db: Queryable, actor: Actor, funderId: string, q: string) {
  requireFunder(actor, 'organisation:write', funderId, 'Financeur');
  if ((q.match(/[\p{L}\p{N}]/gu) ?? []).length < 2)
    throw invalid([{ field: 'q', message: 'Tapez au moins deux lettres du nom du lieu.' }]);
  const rows = await repo.placesNamed(db, funderId, q, SEARCH_READ);
  const territory = await territoryOf(db, funderId);
  const inside = (code: string | null) => {
    const commune = code ? communePlace(code) : undefined;
    return commune !== undefined && communeWithin(commune, territory);
  };
  // A stable sort: by name within the territory, then by name beyond it.
  const sorted = rows
    .map((r) => ({ r, inside: inside(r.communeCode) }))
    .sort((a, b) => Number(b.inside) - Number(a.inside))
    .map(({ r }) => r);
  return {
    places: sorted.slice(0, SEARCH_SHOWN).map((r) => ({
      id: r.id,
      name: r.name,
      siret: r.siret,
      communeCode: r.communeCode,
      communeName: communeName(r.communeCode),
      onRoster: r.onRoster,
    })),
    more: rows.length > SEARCH_SHOWN,
  };
}

/** An organisation with its commune by its official name, for display. */
function presentOrganisation(row: repo.OrganisationRow) {
  return {
    id: row.id,
    name: row.name,
    siret: row.siret,
    communeCode: row.communeCode,
    communeName: row.communeCode
      ? (territoryName({ level: 'commune', code: row.communeCode }) ?? null)
      : null,
  };
}

const isNameRace = (error: unknown) => uniqueViolated(error) === 'organisations_prescriber_name';

/** The place of this SIRET on the platform, whichever funders work with it. */
export const placeWithSiret = (tx: Queryable, siret: string) => repo.findPlaceBySiret(tx, siret);

/**
 * The sites of one SIRET (an association runs its places under its head office's), each with
 * whether it bears this name once folded (case, accents, apostrophes, hyphens), for a site its
 * admin adds; `lockSiteSiret` first, so that two sites of one name added at once are one.
 */
export const sitesOfSiret = (tx: Queryable, siret: string, name: string) =>
  repo.placesOfSiret(tx, siret, name);
export const lockSiteSiret = (tx: Queryable, siret: string) => repo.lockPlaceSiret(tx, siret);

/** A place's name and commune, as its admin keeps them (the callers authorise and audit). */
export async function renamePlace(
  tx: Queryable,
  placeId: string,
  values: { name: string; communeCode: string },
) {
  return repo.updatePlace(tx, placeId, values);
}

// Places in bulk, for imports in the national standard (module place-standard, issue 11 point 6).

export type PlaceIdentity = repo.PlaceIdentity;

/**
 * The commune of an imported place: its INSEE code when it is a current commune's, else the
 * one commune of its postcode, or the one of that postcode whose name matches.
 */
export function communeOf(input: { inseeCode?: string; postcode?: string; name?: string }) {
  if (input.inseeCode && territoryName({ level: 'commune', code: input.inseeCode })) return input.inseeCode;
  const candidates = input.postcode ? communesOfPostcode(input.postcode) : [];
  if (candidates.length === 1) return candidates[0]!.code;
  const key = input.name ? searchKey(input.name) : '';
  return candidates.find((c) => searchKey(c.name) === key)?.code;
}

export const updatePlaceIdentities = repo.updatePlaceIdentities;

/**
 * Creates places (ids chosen by the caller) and puts them, with `existing` places, on the
 * funder's roster, unqualified. One audit entry for the batch: an import writes thousands.
 */
export async function addPlaces(
  tx: Queryable,
  actor: Actor | null,
  funderId: string,
  batch: { created: PlaceIdentity[]; existing: string[]; source: string },
) {
  const joined = await repo.insertPlacesOnRoster(tx, funderId, batch.created, batch.existing);
  if (joined.length === 0) return;
  await audit.record(tx, {
    actor,
    funderId,
    action: 'places.import',
    objectType: 'funder',
    objectId: funderId,
    summary: { source: batch.source, created: batch.created.length, joined: joined.length },
  });
}

/** The place locked, like `lockForStaffChange`, for a place's team. */
export async function lockPlaceForStaffChange(tx: Queryable, placeId: string) {
  if (!(await repo.lockPlace(tx, placeId))) throw notFound('Lieu');
}

/** The funders a place works with (their rosters hold it), first added first. */
export const fundersOfPlace = (tx: Queryable, placeId: string) => repo.fundersOfPlace(tx, placeId);

/**
 * Organisations' names, INSEE commune codes and the official names of their communes (null when
 * none is known), by id, in one query: for lists that say where a place is (the programme's report).
 */
export async function organisationsWhere(
  tx: Queryable,
  ids: string[],
): Promise<Map<string, { name: string; communeCode: string | null; commune: string | null }>> {
  const rows = await repo.organisationsWithCommune(tx, [...new Set(ids)]);
  return new Map(
    rows.map((r) => [
      r.id,
      { name: r.name, communeCode: r.communeCode, commune: communeName(r.communeCode) },
    ]),
  );
}

/** The organisations' names, by id, in one query (for messages and lists that name them). */
export async function organisationNames(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = await repo.organisationNames(tx, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
