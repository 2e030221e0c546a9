import { conflict, type FieldIssue, forbidden, invalid } from '../../core/errors.js';
import { type Actor, can, funderScope, requireFunder } from '../../core/permissions.js';
import { isValidSiret, normaliseSiret } from '../../core/siret.js';
import type { Db, Queryable } from '../../db/client.js';
import type { TerritoryRef } from '../../db/schema/index.js';
import * as audit from '../audit/service.js';
import * as repo from './repo.js';
import type { CreateFunderInput } from './schemas.js';
import { LEVEL_LABELS, searchCommunes, territoryName } from './territory.js';

/** A funder as shown: its territory carries the official names. */
export function present(row: repo.FunderRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as CreateFunderInput['kind'],
    siret: row.siret,
    territory: row.territory.map((t) => ({ ...t, name: territoryName(t) ?? t.code })),
  };
}

export async function list(db: Db, actor: Actor) {
  return (await repo.listFunders(db, funderScope(actor, 'funder:read'))).map(present);
}

/** Unknown INSEE codes are named one by one, so the form can point at the bad line. */
export function checkTerritory(territory: TerritoryRef[], field = 'territory'): FieldIssue[] {
  return territory.flatMap((ref, i) =>
    territoryName(ref)
      ? []
      : [
          {
            field: `${field}.${i}.code`,
            message: `« ${ref.code} » n'est pas un code INSEE de ${LEVEL_LABELS[ref.level]}.`,
          },
        ],
  );
}

export interface NewFunder {
  name: string;
  kind: CreateFunderInput['kind'];
  siret: string;
  territory: TerritoryRef[];
}

/** Inserts a funder after checking SIRET and territory; used by the route and by the demo data. */
export async function insert(tx: Queryable, actor: Actor | null, input: NewFunder) {
  const siret = normaliseSiret(input.siret);
  const issues = checkTerritory(input.territory);
  if (!isValidSiret(siret))
    issues.unshift({ field: 'siret', message: 'Le SIRET doit comporter 14 chiffres valides.' });
  if (issues.length) throw invalid(issues);
  if (await repo.findFunderBySiret(tx, siret)) {
    throw conflict('siret_taken', 'Un financeur existe déjà avec ce SIRET.', [
      { field: 'siret', message: 'Ce SIRET est déjà utilisé par un autre financeur.' },
    ]);
  }
  const row = await repo.insertFunder(tx, { ...input, siret });
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

export const findOrganisation = repo.findOrganisation;

/** A place by id alone, for the operator's command line. */
export async function findPlace(tx: Queryable, id: string) {
  const row = await repo.findOrganisationById(tx, id);
  return row?.kind === 'place' ? row : undefined;
}

/** A prescriber organisation by id, whichever funder it belongs to (callers authorise). */
export async function findPrescriber(tx: Queryable, id: string) {
  const row = await repo.findOrganisationById(tx, id);
  return row?.kind === 'prescriber' ? row : undefined;
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
  },
) {
  const row = await repo.insertOrganisation(tx, input);
  await audit.record(tx, {
    actor,
    funderId: input.funderId,
    action: 'organisation.create',
    objectType: 'organisation',
    objectId: row.id,
    summary: { kind: row.kind, name: row.name },
  });
  return row;
}

/** Communes matching a name or postcode, for choosing a beneficiary's commune (public data). */
export function communes(query: string) {
  return searchCommunes(query).map(({ code, name, postcodes, departement }) => ({
    code,
    name,
    postcodes,
    departement,
  }));
}

/** The funder's territory (its programmes' territory: a programme has none of its own). */
export async function territoryOf(tx: Queryable, funderId: string): Promise<TerritoryRef[]> {
  return (await repo.findFunder(tx, funderId))?.territory ?? [];
}

/** A funder's name, for other modules' checks and messages (no authorisation: callers have it). */
export async function nameOf(tx: Queryable, funderId: string): Promise<string> {
  return (await repo.findFunder(tx, funderId))?.name ?? '';
}
