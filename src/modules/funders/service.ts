import { conflict, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { oneLine } from '../../core/french.js';
import { type Actor, funderScope, requireFunder } from '../../core/permissions.js';
import { normaliseSiret, siretProblem } from '../../core/siret.js';
import { communePlace, communeWithin } from '../../core/territory.js';
import type { Db, Queryable, Tx } from '../../db/client.js';
import type { TerritoryRef } from '../../db/schema/index.js';
import { uniqueViolated } from '../../db/sqlstate.js';
import * as audit from '../audit/service.js';
import * as ledger from '../ledger/service.js';
import * as repo from './repo.js';
import type { CreateFunderInput, FunderIdentityInput } from './schemas.js';
import { checkTerritory, named } from './territory.js';

export {
  addPlaces,
  communeOf,
  createPlace,
  createPrescriber,
  findOrganisation,
  findPlace,
  findPrescriber,
  findPrescriberByName,
  fundersOfPlace,
  insertOrganisation,
  joinRoster,
  lockPlaceForStaffChange,
  lockSiteSiret,
  organisationNames,
  organisationsOf,
  organisationsWhere,
  type PlaceIdentity,
  placeWithSiret,
  prescribersOf,
  presentPrescriber,
  renamePlace,
  searchPlatformPlaces,
  sitesOfSiret,
  updatePlaceIdentities,
} from './organisations.js';
export {
  accountIbans,
  beneficiaryRetentionMonths,
  paymentProfile,
  placeContactsOf,
  privacyOf,
  settings,
  unusualDayRule,
  updateSettings,
} from './settings.js';
export {
  areasAround,
  checkTerritory,
  checkWithinFunder,
  communeByCode,
  communeName,
  communes,
  nameAndDepartements,
  named,
  outsideTerritory,
  territories,
  territoryOf,
} from './territory.js';

/**
 * The funders: a funder's identity (created, corrected, named) and the module's entry point.
 * The organisations it works with (prescribers, places) are in organisations.ts, its settings
 * in settings.ts, its territory and the communes in territory.ts; this file re-exports them.
 */

/** A funder as shown: its territory carries the official names. */
export function present(row: repo.FunderRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as CreateFunderInput['kind'],
    siret: row.siret,
    territory: named(row.territory),
  };
}

export async function list(db: Db, actor: Actor) {
  return (await repo.listFunders(db, funderScope(actor, 'funder:read'))).map(present);
}

export interface NewFunder {
  name: string;
  kind: CreateFunderInput['kind'];
  siret: string;
  territory: TerritoryRef[];
}

/**
 * A funder's name and SIRET as stored, checked (with `issues` already found in the same form)
 * and against every other funder than `exceptId`, the one being corrected.
 */
async function checkedIdentity(
  tx: Queryable,
  input: { name: string; siret: string },
  issues: FieldIssue[],
  exceptId?: string,
) {
  const siret = normaliseSiret(input.siret);
  const siretWrong = siretProblem(siret);
  if (siretWrong) issues.unshift({ field: 'siret', message: siretWrong });
  if (issues.length) throw invalid(issues);
  // Two funders of one name, differing by case, accents or spaces, looked like one row twice
  // in the operator's list: a name is a funder's, as a SIRET is. Both are told at once, with
  // the funder that holds each, rather than one per attempt.
  const name = oneLine(input.name);
  const holder = await repo.findFunderBySiret(tx, siret, exceptId);
  const namesake = await repo.findFunderByName(tx, name, exceptId);
  if (holder || namesake)
    throw conflict(holder ? 'siret_taken' : 'funder_name_taken', holder ? SIRET_TAKEN : NAME_TAKEN, [
      ...(holder ? [siretHeldBy(holder.name)] : []),
      ...(namesake ? [nameHeldBy(namesake.name)] : []),
    ]);
  return { name, siret };
}

const SIRET_TAKEN = 'Un financeur existe déjà avec ce SIRET.';
const NAME_TAKEN = 'Un financeur porte déjà ce nom.';
const siretHeldBy = (holder: string): FieldIssue => ({
  field: 'siret',
  message: `Ce SIRET est déjà celui d’un autre financeur : « ${holder} ».`,
});
const nameHeldBy = (namesake: string): FieldIssue => ({
  field: 'name',
  message: `Ce nom est déjà celui d’un autre financeur : « ${namesake} ».`,
});

/**
 * Writes a funder's name and SIRET checked by checkedIdentity. Another creation or rename of
 * the same instant may have found them free too: the unique indexes (migration 0067, and the
 * SIRET's) let one have them, and the other is told as by the check, with the funder that
 * holds them. The write is a savepoint so that the transaction can still read that funder.
 */
async function withOwnIdentity<T>(
  tx: Queryable,
  { name, siret }: { name: string; siret: string },
  exceptId: string | undefined,
  write: (sp: Tx) => Promise<T>,
) {
  try {
    return await tx.transaction(write);
  } catch (e) {
    const index = uniqueViolated(e);
    if (index === 'funders_siret_unique') {
      const holder = await repo.findFunderBySiret(tx, siret, exceptId);
      throw conflict('siret_taken', SIRET_TAKEN, [siretHeldBy(holder?.name ?? '')]);
    }
    if (index !== 'funders_name') throw e;
    const namesake = await repo.findFunderByName(tx, name, exceptId);
    throw conflict('funder_name_taken', NAME_TAKEN, [nameHeldBy(namesake?.name ?? name)]);
  }
}

/** Inserts a funder after checking SIRET and territory; used by the route and by the demo data. */
export async function insert(tx: Queryable, actor: Actor | null, input: NewFunder) {
  const { name, siret } = await checkedIdentity(tx, input, checkTerritory(input.territory));
  const row = await withOwnIdentity(tx, { name, siret }, undefined, (sp) =>
    repo.insertFunder(sp, { ...input, name, siret }),
  );
  await audit.record(tx, {
    actor,
    funderId: row.id,
    action: 'funder.create',
    objectType: 'funder',
    objectId: row.id,
    summary: { name: row.name, kind: row.kind, siret: row.siret, territory: row.territory },
  });
  return row;
}

/**
 * The operator corrects a funder's identity: a name mistyped at its creation, the new name of
 * a merged body, its kind or SIRET. A correction, not a new funder: its programmes, money and
 * journal stay its own; what it paid into its programmes, recorded under its name, moves to the
 * new one (a ledger movement of the day: a report as of an earlier day still reads the old). The documents already issued keep the identity they were issued under
 * (a statement copies the funder's name and SIRET); the journal keeps the old and new values
 * and the reason, which the funder's staff read there. The same identity again records nothing.
 */
export async function correctIdentity(db: Db, actor: Actor, funderId: string, input: FunderIdentityInput) {
  requireFunder(actor, 'funder:identity', funderId, 'Financeur');
  return db.transaction(async (tx) => {
    const funder = await repo.lockFunder(tx, funderId);
    if (!funder) throw notFound('Financeur');
    const { name, siret } = await checkedIdentity(tx, input, [], funderId);
    const identity = { name, kind: input.kind, siret };
    // The journal says what changed, each field before and after.
    const changed = (['name', 'kind', 'siret'] as const).filter((k) => identity[k] !== funder[k]);
    if (!changed.length) return present(funder);
    const row = await withOwnIdentity(tx, identity, funderId, (sp) =>
      repo.setIdentity(sp, funderId, identity),
    );
    // Its payments are matched to its share by its name: they follow it.
    if (name !== funder.name) await ledger.renamePayer(tx, funderId, funder.name, name);
    const key = (k: (typeof changed)[number]) => (k === 'name' ? 'funderName' : k);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'funder.identity_change',
      objectType: 'funder',
      objectId: funderId,
      summary: {
        before: Object.fromEntries(changed.map((k) => [key(k), funder[k]])),
        after: Object.fromEntries(changed.map((k) => [key(k), identity[k]])),
        reason: input.reason,
      },
    });
    return present(row);
  });
}

/** A funder's name, for other modules' checks and messages (no authorisation: callers have it). */
export async function nameOf(tx: Queryable, funderId: string): Promise<string> {
  return (await repo.findFunder(tx, funderId))?.name ?? '';
}

/** Funders' names by id, in one query (a person's places work with several funders). */
export async function namesOf(tx: Queryable, funderIds: string[]): Promise<Map<string, string>> {
  return new Map((await repo.listFunders(tx, [...new Set(funderIds)])).map((f) => [f.id, f.name]));
}

/**
 * The funders that pay from this IBAN (their current account): a place recording one as its own
 * would be paid by its funder into the funder's own account (qualification refuses it).
 */
export async function fundersDebitingIban(tx: Queryable, iban: string): Promise<string[]> {
  return repo.fundersDebitingIban(tx, iban);
}

/** The funder's name and SIRET, as its documents name it (a call for funds). */
export async function identityOf(tx: Queryable, funderId: string): Promise<{ name: string; siret: string }> {
  const row = await repo.findFunder(tx, funderId);
  return { name: row?.name ?? '', siret: row?.siret ?? '' };
}

/**
 * Every funder by name alone, for the public registration form of places and « Ajouter un
 * site » (public data). With a commune, only those whose territory holds it, or that have none
 * (the place's funders are checked so: registration.ts funderIssues); a code that is no current
 * commune filters nothing, the form's check names it.
 */
export async function publicNames(db: Queryable, communeCode?: string) {
  const place = communeCode ? communePlace(communeCode) : undefined;
  return (await repo.listFunders(db, 'all'))
    .filter((f) => !place || communeWithin(place, f.territory))
    .map((f) => ({ id: f.id, name: f.name }));
}

/**
 * The funder locked, with its four-eyes setting: changes of its staff are taken in turn, so that
 * two admins removing each other cannot both succeed (auth counts the admins once it holds it).
 */
export async function lockForStaffChange(tx: Queryable, funderId: string) {
  const funder = await repo.lockFunder(tx, funderId);
  if (!funder) throw notFound('Financeur');
  return { fourEyes: funder.fourEyes };
}

export async function funderExists(tx: Queryable, funderId: string): Promise<boolean> {
  return (await repo.findFunder(tx, funderId)) !== undefined;
}
