import { DomainError, invalid, notFound } from '../../core/errors.js';
import { oneLine } from '../../core/french.js';
import { type Actor, PLACE_ROLES } from '../../core/permissions.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import { profileIssues, profileValues } from './profile.js';
import * as repo from './repo.js';
import type { ProfileInput } from './schemas.js';

export { openingHoursIssue, profileIssues, profileValues } from './profile.js';
export { checkRegistration, confirmRegistration, recordRegistration, register } from './registration.js';

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

/**
 * The themes a place may record a session under: the services of the standard its description
 * declares, in the standard's order. A place that declares none yet (a funder created it, or
 * its description was imported without a service, « à compléter ») is held to none: all nine,
 * as before places were asked, rather than a desk that can record nothing and a place unpaid.
 */
export async function sessionThemes(db: Queryable, placeId: string): Promise<string[]> {
  const declared = (await repo.findProfile(db, placeId))?.services ?? [];
  const themes = STANDARD_SERVICES.filter((s) => declared.includes(s));
  const offered = themes.length > 0 ? themes : [...STANDARD_SERVICES];
  remember(placeId, offered);
  return offered;
}

/**
 * Whether a session may be recorded under `theme` at the place, with the themes it may (for a
 * refusal to name them). Asked on every redemption: a theme found among those read in the last
 * half-minute is taken without a round trip, which would otherwise double the redemptions'
 * queries and split the batches they go to the database in; any other is read afresh, so that
 * a service the place has just added is never refused.
 */
export async function offersTheme(db: Queryable, placeId: string, theme: string) {
  const known = recentThemes.get(placeId);
  if (known && known.until > Date.now() && known.themes.includes(theme))
    return { offered: true, themes: known.themes };
  const themes = await sessionThemes(db, placeId);
  return { offered: themes.includes(theme), themes };
}

const THEMES_KEPT_MS = 30_000;
const THEMES_KEPT_PLACES = 10_000;
const recentThemes = new Map<string, { themes: string[]; until: number }>();

function remember(placeId: string, themes: string[]) {
  recentThemes.delete(placeId);
  // The oldest first out (a Map keeps its insertion order): bounded whatever the places.
  if (recentThemes.size >= THEMES_KEPT_PLACES) recentThemes.delete(recentThemes.keys().next().value!);
  recentThemes.set(placeId, { themes, until: Date.now() + THEMES_KEPT_MS });
}

/** Every funder by name, for the registration form's list. */
export async function publicFunders(db: Queryable) {
  return { funders: await funders.publicNames(db) };
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

async function present(db: Queryable, placeId: string) {
  const place = await funders.findPlace(db, placeId);
  if (!place) throw notFound('Lieu');
  const row = await repo.findProfile(db, placeId);
  return {
    placeId,
    name: place.name,
    siret: place.siret,
    communeCode: place.communeCode,
    communeName: funders.communeName(place.communeCode),
    profile: row ? presentProfile(row) : null,
  };
}

function presentProfile(row: repo.ProfileRow) {
  const { placeId: _p, source: _s, externalId: _e, emails, bookingUrl: _b, ...rest } = row;
  return { ...rest, email: emails[0] ?? null };
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
    recentThemes.delete(placeId);
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
