import { checkBankAccount, maskIban } from '../../core/bank-account.js';
import { conflict, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { oneLine } from '../../core/french.js';
import { type Actor, can, funderScope, requireFunder } from '../../core/permissions.js';
import type { PrescriberKind } from '../../core/prescriber-kinds.js';
import type { TellAdmins } from '../../core/safeguards.js';
import { normaliseSiret, siretProblem } from '../../core/siret.js';
import {
  communePlace,
  communesOfPostcode,
  LEVEL_LABELS,
  labelOf,
  searchCommunes,
  searchKey,
  searchTerritories,
  type TerritoryMatch,
  territoryName,
  territoryWithin,
} from '../../core/territory.js';
import type { Db, Queryable, Tx } from '../../db/client.js';
import type { TerritoryRef } from '../../db/schema/index.js';
import { uniqueViolated } from '../../db/sqlstate.js';
import * as audit from '../audit/service.js';
import * as repo from './repo.js';
import type {
  CreateFunderInput,
  CreatePlaceInput,
  CreatePrescriberInput,
  FunderIdentityInput,
  FunderSettingsInput,
} from './schemas.js';

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

/** Stored territories with their official names and labels, for display. */
export function named(territory: TerritoryRef[]) {
  return territory.map((t) => ({ ...t, name: territoryName(t) ?? t.code, label: labelOf(t) }));
}

export async function list(db: Db, actor: Actor) {
  return (await repo.listFunders(db, funderScope(actor, 'funder:read'))).map(present);
}

/** Unknown INSEE codes are named one by one, so the form can point at the bad line. */
export function checkTerritory(territory: TerritoryRef[], field = 'territory'): FieldIssue[] {
  // A territory listed twice was stored and shown twice (« Somme (80) » twice in the list).
  const seen = new Set<string>();
  return territory.flatMap((ref, i) => {
    const key = `${ref.level} ${ref.code}`;
    const again = seen.has(key);
    seen.add(key);
    if (!territoryName(ref))
      return [
        {
          field: `${field}.${i}.code`,
          message: `« ${ref.code} » n'est pas un code INSEE de ${LEVEL_LABELS[ref.level]}.`,
        },
      ];
    return again
      ? [{ field: `${field}.${i}.code`, message: `${labelOf(ref)} figure déjà dans la liste : retirez-le.` }]
      : [];
  });
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
 * journal stay its own. The documents already issued keep the identity they were issued under
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
 * A place joins the funder's roster. A place is one organisation of the platform: one with
 * the same SIRET, already working with another funder, is the same place and is shared, not
 * copied (issue 11, point 3); otherwise it is created, belonging to no funder.
 */
async function addPlace(
  tx: Queryable,
  actor: Actor | null,
  input: { funderId: string; name: string; siret?: string; communeCode?: string },
) {
  const existing = input.siret ? await repo.findPlaceBySiret(tx, input.siret) : undefined;
  const row =
    existing ??
    (await repo.insertOrganisation(tx, {
      kind: 'place',
      funderId: null,
      name: input.name,
      siret: input.siret ?? null,
      communeCode: input.communeCode ?? null,
    }));
  if (await repo.addToRoster(tx, input.funderId, row.id)) {
    await audit.record(tx, {
      actor,
      funderId: input.funderId,
      action: existing ? 'place.join_roster' : 'organisation.create',
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
  return row;
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
 * The funder adds a place it works with (issue 11, point 3). A place of the same SIRET already
 * on the platform is the same place, shared: it joins this funder's roster and keeps its account,
 * keys and history. The funder then qualifies it for its programmes, one by one.
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
  return db.transaction(async (tx) => {
    const shared = (await repo.findPlaceBySiret(tx, siret)) !== undefined;
    const row = await insertOrganisation(tx, actor, {
      funderId,
      kind: 'place',
      name: oneLine(input.name),
      siret,
      communeCode: input.communeCode,
    });
    return { ...presentOrganisation(row), shared };
  });
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

/** Communes matching a name or postcode, for choosing a beneficiary's commune (public data). */
export function communes(query: string) {
  return searchCommunes(query).map(({ code, name, postcodes, departement }) => ({
    code,
    name,
    postcodes,
    departement,
  }));
}

/** A commune's official name from its INSEE code, for other modules' answers. */
export function communeName(code: string | null): string | null {
  return code ? (territoryName({ level: 'commune', code }) ?? null) : null;
}

/** The funder's territory (its programmes' territory: a programme has none of its own). */
export async function territoryOf(tx: Queryable, funderId: string): Promise<TerritoryRef[]> {
  return (await repo.findFunder(tx, funderId))?.territory ?? [];
}

/**
 * The parts of `territory` outside the funder's own, each named at its field: a programme's
 * envelope shares the funder's passes among parts of its territory, never beyond it.
 */
export async function checkWithinFunder(
  tx: Queryable,
  funderId: string,
  territory: TerritoryRef[],
  field = 'territory',
): Promise<FieldIssue[]> {
  const own = await territoryOf(tx, funderId);
  return territory.flatMap((ref, i) =>
    territoryWithin(ref, own)
      ? []
      : [
          {
            field: `${field}.${i}.code`,
            message: `${labelOf(ref)} n’est pas dans le territoire du financeur.`,
          },
        ],
  );
}

/** A funder's name, for other modules' checks and messages (no authorisation: callers have it). */
export async function nameOf(tx: Queryable, funderId: string): Promise<string> {
  return (await repo.findFunder(tx, funderId))?.name ?? '';
}

/** The funder's name and SIRET, as its documents name it (a call for funds). */
export async function identityOf(tx: Queryable, funderId: string): Promise<{ name: string; siret: string }> {
  const row = await repo.findFunder(tx, funderId);
  return { name: row?.name ?? '', siret: row?.siret ?? '' };
}

/** Territories by name for the pickers (public data: the official geography). */
export function territories(
  query: string,
  levels: TerritoryMatch['level'][],
  limit: number,
  within: TerritoryRef[][] = [],
): TerritoryMatch[] {
  return searchTerritories(query, levels, limit, within);
}

/**
 * The funder's settings page: its territory and bank account. Its staff read them; the
 * account's IBAN is shown in full to its admins alone, who may change it.
 */
export async function settings(db: Queryable, actor: Actor, funderId: string) {
  requireFunder(actor, 'finance:read', funderId, 'Financeur');
  const funder = await repo.findFunder(db, funderId);
  if (!funder) throw notFound('Financeur');
  const full = can(actor, 'funder:settings', funderId);
  const history = (await repo.bankAccounts(db, funderId)).map((a) => ({
    iban: full ? a.iban : maskIban(a.iban),
    masked: !full,
    bic: a.bic,
    holder: a.holder,
    recordedAt: a.recordedAt.toISOString(),
    recordedBy: a.recordedBy,
  }));
  return {
    funderId,
    name: funder.name,
    territory: named(funder.territory),
    bankAccount: history[0] ?? null,
    bankAccountHistory: history,
    fourEyes: funder.fourEyes,
    beneficiaryRetentionMonths: funder.beneficiaryRetentionMonths,
    privacyContact: funder.privacyContact,
    unusualDay: ruleOf(funder),
  };
}

const ruleOf = (funder: { unusualDayMinimum: number; unusualDayFactor: number }) => ({
  minimum: funder.unusualDayMinimum,
  factor: funder.unusualDayFactor,
});

/** The funder's rule for its places' unusual days (redemptions.unusualDays). */
export async function unusualDayRule(db: Queryable, funderId: string) {
  const funder = await repo.findFunder(db, funderId);
  if (!funder) throw notFound('Financeur');
  return ruleOf(funder);
}

/**
 * A territory may change (communes merge, an EPCI joins), but it keeps covering the envelopes
 * of the funder's programmes, each checked as it was created: a territory left by an envelope
 * would stop its passes reaching the people it was voted for.
 */
async function envelopesOutside(tx: Queryable, funderId: string, territory: TerritoryRef[]) {
  const issues: FieldIssue[] = [];
  for (const envelope of await repo.envelopeTerritories(tx, funderId)) {
    const outside = envelope.territory.filter((ref) => !territoryWithin(ref, territory));
    if (outside.length)
      issues.push({
        field: 'territory',
        message: `L’enveloppe « ${envelope.name} » (${outside.map(labelOf).join(', ')}) ne serait plus dans le territoire du financeur : le territoire doit couvrir celui de chaque enveloppe.`,
      });
  }
  return issues;
}

/**
 * A funder admin sets the territory (chosen by name, stored as INSEE codes) or records a
 * new version of the bank account; each change is audited with its old and new value (the
 * IBANs masked: the journal is read more widely than the account). A change of the four-eyes
 * rule or of the account is also told to every admin (`tellAdmins`), so that one admin cannot
 * change what guards the money without the others knowing.
 */
export async function updateSettings(
  db: Db,
  actor: Actor,
  funderId: string,
  input: FunderSettingsInput,
  tellAdmins: TellAdmins,
) {
  requireFunder(actor, 'funder:settings', funderId, 'Financeur');
  const issues: FieldIssue[] = input.territory ? checkTerritory(input.territory) : [];
  const account = input.bankAccount ? checkBankAccount(input.bankAccount) : undefined;
  if (account && !account.ok) issues.push(...account.issues);
  if (issues.length) throw invalid(issues);
  await db.transaction(async (tx) => {
    const funder = await repo.lockFunder(tx, funderId);
    if (!funder) throw notFound('Financeur');
    // A setting's change, journalled with its value before and after.
    const journal = (action: string, before: unknown, after: unknown) =>
      audit.record(tx, {
        actor,
        funderId,
        action,
        objectType: 'funder',
        objectId: funderId,
        summary: { before, after },
      });
    if (input.territory) {
      const after = uniqueRefs(input.territory);
      const stranded = await envelopesOutside(tx, funderId, after);
      if (stranded.length) throw conflict('territory_leaves_envelopes', stranded[0]!.message, stranded);
      await repo.setTerritory(tx, funderId, after);
      await journal('funder.territory_change', funder.territory, after);
    }
    if (input.fourEyes !== undefined && input.fourEyes !== funder.fourEyes) {
      await repo.setFourEyes(tx, funderId, input.fourEyes);
      await journal('funder.four_eyes_change', funder.fourEyes, input.fourEyes);
      await tellAdmins(tx, { change: input.fourEyes ? 'four_eyes_on' : 'four_eyes_off' });
    }
    const months = input.beneficiaryRetentionMonths;
    if (months !== undefined && months !== funder.beneficiaryRetentionMonths) {
      await repo.setRetention(tx, funderId, months);
      await journal('funder.retention_change', funder.beneficiaryRetentionMonths, months);
    }
    const contact = input.privacyContact;
    if (contact !== undefined && contact !== funder.privacyContact) {
      await repo.setPrivacyContact(tx, funderId, contact);
      await journal('funder.privacy_contact_change', funder.privacyContact, contact);
    }
    const rule = input.unusualDay;
    const before = ruleOf(funder);
    if (rule && (rule.minimum !== before.minimum || rule.factor !== before.factor)) {
      await repo.setUnusualDayRule(tx, funderId, rule);
      await journal('funder.unusual_day_change', before, rule);
    }
    if (account?.ok) {
      const [previous] = await repo.bankAccounts(tx, funderId);
      const row = await repo.insertBankAccount(tx, { funderId, ...account.value, recordedBy: actor.userId });
      const shown = (a: { iban: string; bic: string; holder: string }) => ({
        iban: maskIban(a.iban),
        bic: a.bic,
        holder: a.holder,
      });
      await audit.record(tx, {
        actor,
        funderId,
        action: 'funder.bank_account_change',
        objectType: 'funder_bank_account',
        objectId: row.id,
        summary: { before: previous ? shown(previous) : null, after: shown(row) },
      });
      await tellAdmins(tx, { change: 'bank_account', iban: row.iban });
    }
  });
  return settings(db, actor, funderId);
}

/** The same territory chosen twice counts once; the order chosen is kept. */
function uniqueRefs(territory: TerritoryRef[]): TerritoryRef[] {
  const seen = new Set<string>();
  return territory
    .map(({ level, code }) => ({ level, code }))
    .filter((t) => {
      const key = `${t.level}:${t.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Every funder by name alone, for the public registration form of places (public data). */
export async function publicNames(db: Queryable) {
  return (await repo.listFunders(db, 'all')).map((f) => ({ id: f.id, name: f.name }));
}

/** A current commune by its INSEE code, with its name and postcodes; undefined if unknown. */
export function communeByCode(code: string) {
  const c = communePlace(code);
  return c ? { code: c.code, name: c.name, postcodes: c.postcodes } : undefined;
}

/** The place of this SIRET on the platform, whichever funders work with it. */
export const placeWithSiret = (tx: Queryable, siret: string) => repo.findPlaceBySiret(tx, siret);

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

/** Every IBAN the funder's account has had: a bank statement of one of them is the funder's. */
export async function accountIbans(tx: Queryable, funderId: string): Promise<string[]> {
  return [...new Set((await repo.bankAccounts(tx, funderId)).map((a) => a.iban))];
}

/**
 * What a payment run needs of its funder (issue 12): its name, the four-eyes setting, how many
 * admins it has, and the bank account in force (full IBAN: it goes into the transfer file).
 */
export async function paymentProfile(tx: Queryable, funderId: string) {
  const funder = await repo.findFunder(tx, funderId);
  if (!funder) throw notFound('Financeur');
  const [account] = await repo.bankAccounts(tx, funderId);
  return {
    name: funder.name,
    fourEyes: funder.fourEyes,
    adminCount: await repo.adminCount(tx, funderId),
    account: account ?? null,
  };
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

/** The place locked, like `lockForStaffChange`, for a place's team. */
export async function lockPlaceForStaffChange(tx: Queryable, placeId: string) {
  if (!(await repo.lockPlace(tx, placeId))) throw notFound('Lieu');
}

export async function funderExists(tx: Queryable, funderId: string): Promise<boolean> {
  return (await repo.findFunder(tx, funderId)) !== undefined;
}

/** The EPCI then the département around a commune, with their communes (territory.areasAround). */
export { areasAround } from '../../core/territory.js';

/** The funders a place works with (their rosters hold it), first added first. */
export const fundersOfPlace = (tx: Queryable, placeId: string) => repo.fundersOfPlace(tx, placeId);

/** What the information notice given to a person at hand-out says of its funder. */
export async function privacyOf(tx: Queryable, funderId: string) {
  const funder = await repo.findFunder(tx, funderId);
  if (!funder) throw notFound('Financeur');
  return {
    funderName: funder.name,
    privacyContact: funder.privacyContact,
    retentionMonths: funder.beneficiaryRetentionMonths,
  };
}

/** Months the funder keeps its beneficiaries' identities after their last programme's closure. */
export async function beneficiaryRetentionMonths(tx: Queryable, funderId: string): Promise<number> {
  const funder = await repo.findFunder(tx, funderId);
  if (!funder) throw notFound('Financeur');
  return funder.beneficiaryRetentionMonths;
}

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
