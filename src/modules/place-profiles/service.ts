import { DomainError, invalid, notFound } from '../../core/errors.js';
import { oneLine } from '../../core/french.js';
import { type Actor, PLACE_ROLES } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import { presentPlace as present, profileIssues, profileValues } from './profile.js';
import * as repo from './repo.js';
import type { ProfileInput } from './schemas.js';
import { forgetSessionThemes } from './session-themes.js';

export { openingHoursIssue, profileIssues, profileValues } from './profile.js';
export { checkRegistration, confirmRegistration, recordRegistration, register } from './registration.js';
export { forgetSessionThemes, offersTheme, sessionThemes } from './session-themes.js';
export { addSite } from './sites.js';

/**
 * Where places are, by id, for a map of them (the programme's report): the coordinates their
 * profile gives; a place without them is missing from the map.
 */
export async function coordinatesOf(
  db: Queryable,
  placeIds: string[],
): Promise<Map<string, { latitude: number; longitude: number }>> {
  const rows = await repo.coordinatesOf(db, [...new Set(placeIds)]);
  return new Map(rows.map((r) => [r.placeId, { latitude: r.latitude!, longitude: r.longitude! }]));
}

/** Every funder by name, for the registration form's list; of the commune's territory, given one. */
export async function publicFunders(db: Queryable, communeCode?: string) {
  return { funders: await funders.publicNames(db, communeCode) };
}

function placeRole(actor: Actor, placeId: string) {
  const roles = actor.memberships
    .filter((m) => PLACE_ROLES.includes(m.role) && m.organisationId === placeId)
    .map((m) => m.role);
  if (!roles.length) throw notFound('Lieu');
  return roles.includes('place_admin') ? 'admin' : 'agent';
}

/** The place's identity and description, for its admin and agents; others get a 404. */
export async function profileOf(db: Queryable, actor: Actor, placeId: string) {
  placeRole(actor, placeId);
  return present(db, placeId);
}

const FIELDS = [
  'address',
  'addressComplement',
  'postcode',
  'latitude',
  'longitude',
  'openingHours',
  'services',
  'publics',
  'specificSupport',
  'accessModes',
  'supportModes',
  'fees',
  'phone',
  'emails',
  'website',
  'accessibilityUrl',
  'summary',
  'description',
] as const;

/**
 * The place's admin keeps its description (agents read it). Each change is in the audit
 * trail with the names of the fields changed; a place a funder created has no description
 * until its admin completes it here.
 */
export async function updateProfile(db: Db, actor: Actor, placeId: string, input: ProfileInput) {
  if (placeRole(actor, placeId) !== 'admin')
    throw new DomainError(
      'forbidden',
      "Seul l'administrateur du lieu modifie sa fiche : demandez-lui de le faire.",
    );
  return db.transaction(async (tx) => {
    const place = await funders.findPlace(tx, placeId);
    if (!place) throw notFound('Lieu');
    const before = await repo.findProfile(tx, placeId, true);
    const issues = profileIssues(input, before?.openingHours);
    if (issues.length) throw invalid(issues);
    const values = profileValues(input);
    const name = oneLine(input.name);
    const changed: string[] = [];
    if (name !== place.name) changed.push('name');
    if (input.communeCode !== place.communeCode) changed.push('communeCode');
    for (const f of FIELDS)
      if (!before || JSON.stringify(before[f] ?? null) !== JSON.stringify(values[f] ?? null))
        changed.push(f === 'emails' ? 'email' : f);
    if (changed.includes('name') || changed.includes('communeCode'))
      await funders.renamePlace(tx, placeId, { name, communeCode: input.communeCode });
    await repo.saveProfile(tx, placeId, values);
    // A service dropped is refused at once on this server (on another, within half a minute).
    forgetSessionThemes([placeId]);
    // Each funder the place works with reads the change in its own journal: a renamed place
    // is named by its new name everywhere, and the funder learns what it was called before.
    const renamed = changed.includes('name') ? { previousName: place.name, name } : {};
    const funderIds = await funders.fundersOfPlace(tx, placeId);
    if (changed.length)
      for (const funderId of funderIds.length ? funderIds : [null])
        await audit.record(tx, {
          actor,
          funderId,
          action: before ? 'place.profile_update' : 'place.profile_create',
          objectType: 'organisation',
          objectId: placeId,
          summary: { changed, ...renamed },
        });
    return present(tx, placeId);
  });
}
