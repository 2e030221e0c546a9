import { conflict, DomainError, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { type Actor, PLACE_ROLES } from '../../core/permissions.js';
import { isValidSiret, normaliseSiret } from '../../core/siret.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as auth from '../auth/service.js';
import * as funders from '../funders/service.js';
import { profileIssues, profileValues } from './profile.js';
import * as repo from './repo.js';
import type { ProfileInput, RegistrationInput } from './schemas.js';

export { openingHoursIssue, profileIssues, profileValues } from './profile.js';

/** Every funder by name, for the registration form's list. */
export async function publicFunders(db: Queryable) {
  return { funders: await funders.publicNames(db) };
}

const placeExists = () =>
  conflict(
    'place_exists',
    'Ce lieu est déjà inscrit sur la plateforme : connectez-vous avec votre compte, ou demandez à l’administrateur du lieu de vous inviter.',
    [
      {
        field: 'siret',
        message: 'Un lieu de ce SIRET est déjà inscrit : connectez-vous, ou contactez son administrateur.',
      },
    ],
  );

/**
 * A place registers itself (issue 11, point 4): the place, its description, the rosters of the
 * funders it chose (each then sees it as a candidate to qualify) and its admin's account, signed
 * in, all in one transaction. Every bad field is answered at once, before anything is written.
 * A SIRET already on the platform is refused without saying whose it is.
 */
export async function register(
  db: Db,
  input: RegistrationInput,
  options: { ttlHours: number; address?: string },
) {
  const siret = normaliseSiret(input.siret);
  const issues: FieldIssue[] = [];
  if (!isValidSiret(siret))
    issues.push({ field: 'siret', message: 'SIRET : 14 chiffres valides (voir l’avis de situation INSEE).' });
  issues.push(...profileIssues(input));
  const funderIds = [...new Set(input.funderIds)];
  const known = new Set((await funders.publicNames(db)).map((f) => f.id));
  if (funderIds.length === 0)
    issues.push({
      field: 'funderIds',
      message: 'Financeurs : choisissez au moins un financeur dont vous acceptez les pass.',
    });
  input.funderIds.forEach((id, i) => {
    if (!known.has(id))
      issues.push({ field: `funderIds.${i}`, message: 'Financeurs : choisissez-les dans la liste.' });
  });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.admin.email))
    issues.push({
      field: 'admin.email',
      message: 'Votre adresse électronique : une adresse comme prenom.nom@exemple.fr.',
    });
  const weakness = await auth.passwordWeakness(input.admin.password, [
    input.admin.email,
    input.admin.displayName,
  ]);
  if (weakness) issues.push({ field: 'admin.password', message: weakness });
  if (issues.length) throw invalid(issues);

  return db.transaction(async (tx) => {
    await repo.lockSiret(tx, siret);
    if (await funders.placeWithSiret(tx, siret)) throw placeExists();
    const name = input.name.trim().replace(/\s+/g, ' ');
    let placeId: string | undefined;
    let actor: Actor | null = null;
    for (const funderId of funderIds) {
      // The first funder creates the place, the next ones find it by its SIRET.
      const row = await funders.insertOrganisation(tx, actor, {
        funderId,
        kind: 'place',
        name,
        siret,
        communeCode: input.communeCode,
      });
      placeId = row.id;
      if (!actor) {
        const user = await auth.createPlaceAdmin(tx, { ...input.admin, placeId }, 'admin.email');
        actor = { userId: user.id, email: user.email, memberships: [] };
      }
    }
    const profile = await repo.saveProfile(tx, placeId!, profileValues(input));
    await audit.record(tx, {
      actor,
      funderId: null,
      action: 'place.register',
      objectType: 'organisation',
      objectId: placeId!,
      summary: { name, siret, communeCode: input.communeCode, funderIds, services: profile.services },
    });
    const user = { id: actor!.userId, email: actor!.email, displayName: input.admin.displayName };
    const { token, session } = await auth.openSessionFor(tx, user, { ...options, method: 'registration' });
    return { token, session: { ...session, placeId: placeId! } };
  });
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
  const issues = profileIssues(input);
  if (issues.length) throw invalid(issues);
  return db.transaction(async (tx) => {
    const place = await funders.findPlace(tx, placeId);
    if (!place) throw notFound('Lieu');
    const before = await repo.findProfile(tx, placeId, true);
    const values = profileValues(input);
    const name = input.name.trim().replace(/\s+/g, ' ');
    const changed: string[] = [];
    if (name !== place.name) changed.push('name');
    if (input.communeCode !== place.communeCode) changed.push('communeCode');
    for (const f of FIELDS)
      if (!before || JSON.stringify(before[f] ?? null) !== JSON.stringify(values[f] ?? null))
        changed.push(f === 'emails' ? 'email' : f);
    if (changed.includes('name') || changed.includes('communeCode'))
      await funders.renamePlace(tx, placeId, { name, communeCode: input.communeCode });
    await repo.saveProfile(tx, placeId, values);
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
