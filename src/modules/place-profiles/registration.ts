import { conflict, DomainError, type FieldIssue, invalid } from '../../core/errors.js';
import { oneLine } from '../../core/french.js';
import type { Actor } from '../../core/permissions.js';
import { normaliseSiret, siretProblem } from '../../core/siret.js';
import type { Db, Queryable } from '../../db/client.js';
import * as rateWindows from '../../http/rate-windows.js';
import * as audit from '../audit/service.js';
import * as auth from '../auth/service.js';
import * as funders from '../funders/service.js';
import * as notifications from '../notifications/service.js';
import { profileIssues, profileValues } from './profile.js';
import * as repo from './repo.js';
import type { ProfileInput, RegistrationInput } from './schemas.js';
import { forgetSessionThemes } from './session-themes.js';

/** A registration's link works for a day, once. */
const LINK_TTL_MS = 24 * 3_600_000;
/** Links sent to one address per hour: a mailbox is not flooded through the form. */
const LINKS_PER_EMAIL_PER_HOUR = 3;
const HOUR_MS = 3_600_000;

/** What a registration keeps until its link is followed: the form, without the password. */
type Form = Omit<RegistrationInput, 'admin'> & { admin: { displayName: string; email: string } };
type SessionOptions = { ttlHours: number; address?: string };

// The admin of a site of the structure adds another from its own account (sites.ts): told so
// here, where it looks first, without saying whose the SIRET is.
const placeExists = () =>
  conflict(
    'place_exists',
    'Ce lieu est déjà inscrit sur la plateforme : connectez-vous avec votre compte, ou demandez à l’administrateur du lieu de vous inviter. Vous administrez déjà un site de cette structure et en ouvrez un autre ? Connectez-vous, puis « Ajouter un site » sur la fiche de votre lieu.',
    [
      {
        field: 'siret',
        message:
          'Un lieu de ce SIRET est déjà inscrit : connectez-vous, ou contactez son administrateur. Pour un autre site de votre structure, connectez-vous et choisissez « Ajouter un site » sur la fiche de votre lieu.',
      },
    ],
  );

const linkInvalid = () =>
  new DomainError(
    'registration_link_invalid',
    'Ce lien d’inscription a expiré ou a déjà servi : si le lieu n’est pas inscrit, recommencez l’inscription.',
  );

/**
 * The funders whose passes a new place accepts: one at least, each of the form's list, and each
 * one whose territory holds the place's commune (or that has none), as the directory judges a
 * commune (funders.outsideTerritory). Any funder was taken: a site in Amiens went on the list of
 * the PETR du Pays de Verdun, in the Meuse, whose passes are used in its territory only. The
 * form offers those of the commune chosen (`GET /public/funders?commune=`).
 */
export async function funderIssues(
  db: Queryable,
  funderIds: string[],
  communeCode: string,
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const names = new Map((await funders.publicNames(db)).map((f) => [f.id, f.name]));
  if (funderIds.length === 0)
    issues.push({
      field: 'funderIds',
      message: 'Financeurs : choisissez au moins un financeur dont vous acceptez les pass.',
    });
  const commune = funders.communeName(communeCode);
  for (const [i, id] of funderIds.entries()) {
    const name = names.get(id);
    if (name === undefined) {
      issues.push({ field: `funderIds.${i}`, message: 'Financeurs : choisissez-les dans la liste.' });
      continue;
    }
    // A commune that is none is named at its own field (profileIssues): nothing to compare.
    const outside = commune ? await funders.outsideTerritory(db, id, communeCode) : null;
    if (outside)
      issues.push({
        field: `funderIds.${i}`,
        message: `Financeurs : ${name} ne retient que les lieux de son territoire (${outside.join(', ')}) ; ${commune} n’en fait pas partie.`,
      });
  }
  return issues;
}

/**
 * Every bad field of a registration at once, before anything is written (the password weighed
 * against the person's name and address), then a SIRET already on the platform, refused without
 * saying whose it is: a place's SIRET is public, an account's address is not. With e-mail, this
 * is what the form's answer tells; `recordRegistration` does the rest after it.
 */
export async function checkRegistration(db: Queryable, input: RegistrationInput) {
  const siret = normaliseSiret(input.siret);
  const issues: FieldIssue[] = [];
  const siretWrong = siretProblem(siret);
  if (siretWrong) issues.push({ field: 'siret', message: siretWrong });
  issues.push(...profileIssues(input));
  issues.push(...(await funderIssues(db, input.funderIds, input.communeCode)));
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
  if (await funders.placeWithSiret(db, siret)) throw placeExists();
}

/** The form as kept: the SIRET and the address in their one spelling, no password. */
function formOf(input: RegistrationInput): Form {
  const { admin, ...place } = input;
  return {
    ...place,
    siret: normaliseSiret(input.siret),
    funderIds: [...new Set(input.funderIds)],
    admin: { displayName: admin.displayName, email: auth.normaliseEmail(admin.email) },
  };
}

/**
 * A place registers itself (issue 11, point 4) on a server that sends no e-mail (no SMTP_URL,
 * the embedded default), where no address can be confirmed: the place and its admin's account
 * are created at once, signed in. With e-mail, `requestRegistration` and `confirmRegistration`.
 */
export async function register(db: Db, input: RegistrationInput, options: SessionOptions) {
  await checkRegistration(db, input);
  const passwordHash = await auth.hashPassword(input.admin.password);
  return db.transaction((tx) => createRegistered(tx, formOf(input), passwordHash, options));
}

/**
 * A registration on a server that sends e-mail: nothing is created until the admin's address is
 * confirmed by the link sent to it, so that nobody opens an account in another's name. An
 * address that has an account gets a word saying so instead of a link; the form's answer is the
 * same either way (nobody learns who has an account). Past 3 links an hour to one address,
 * nothing more is sent, silently. Runs after the answer (`http/after-answer.ts`).
 */
export async function recordRegistration(db: Db, input: RegistrationInput) {
  const form = formOf(input);
  const emailKey = `place-registration email ${form.admin.email}`;
  const [window] = await rateWindows.hit(db, [emailKey], HOUR_MS);
  if (window && window.hits > LINKS_PER_EMAIL_PER_HOUR) return;
  if (await auth.hasAccount(db, form.admin.email)) {
    await notifications.enqueue(db, {
      to: form.admin.email,
      template: 'place_registration_account',
      params: {},
    });
    return;
  }
  const passwordHash = await auth.hashPassword(input.admin.password);
  const token = auth.newToken();
  const hash = auth.tokenHash(token);
  await db.transaction(async (tx) => {
    // One link at a time per address, as for invitations: the latest form is the one that counts.
    const replaced = await repo.spendLiveRegistrationRequestsOf(tx, form.admin.email);
    await notifications.withdraw(tx, replaced.map(registrationMessageKey));
    await repo.insertRegistrationRequest(tx, {
      tokenHash: hash,
      email: form.admin.email,
      passwordHash,
      form,
      ttlMs: LINK_TTL_MS,
    });
    await notifications.enqueue(tx, {
      to: form.admin.email,
      template: 'place_registration',
      params: { token },
      dedupeKey: registrationMessageKey(hash),
      sendBefore: new Date(Date.now() + LINK_TTL_MS),
    });
  });
}

/** The outbox's key for a registration link's e-mail: withdrawn with the link it carries. */
const registrationMessageKey = (tokenHash: string) => `place_registration:${tokenHash}`;

/**
 * The link of the e-mail followed: the place and its admin's account are created as the form
 * said, signed in, and the link serves no more. The SIRET and the address are checked again:
 * another may have taken them in the meantime.
 */
export async function confirmRegistration(db: Db, input: { token: string }, options: SessionOptions) {
  auth.requireWholeToken(input.token);
  return db.transaction(async (tx) => {
    const request = await repo.findLiveRegistrationRequest(tx, auth.tokenHash(input.token));
    if (!request) throw linkInvalid();
    await repo.spendRegistrationRequest(tx, request.tokenHash);
    return createRegistered(tx, request.form as Form, request.passwordHash, options);
  });
}

/**
 * The place, its description, the rosters of the funders it chose (each then sees it as a
 * candidate to qualify) and its admin's account, signed in, in the caller's transaction.
 */
async function createRegistered(tx: Queryable, form: Form, passwordHash: string, options: SessionOptions) {
  const { siret, funderIds } = form;
  await repo.lockSiret(tx, siret);
  if (await funders.placeWithSiret(tx, siret)) throw placeExists();
  const { placeId, name, admin, profile } = await createPlace(tx, form, null, async (id) => {
    const user = await auth.createPlaceAdmin(tx, { ...form.admin, passwordHash, placeId: id }, 'admin.email');
    return { userId: user.id, email: user.email, memberships: [] };
  });
  await audit.record(tx, {
    actor: admin,
    funderId: null,
    action: 'place.register',
    objectType: 'organisation',
    objectId: placeId,
    summary: { name, siret, communeCode: form.communeCode, funderIds, services: profile.services },
  });
  // Its admin chose the password in the form: one of its own.
  const user = {
    id: admin.userId,
    email: admin.email,
    displayName: form.admin.displayName,
    passwordSet: true,
  };
  const { token, session } = await auth.openSessionFor(tx, user, { ...options, method: 'registration' });
  return { token, session: { ...session, placeId } };
}

/** A new place as a registration or an admin adding a site describes it. */
export type NewPlaceForm = ProfileInput & { siret: string; funderIds: string[] };

/**
 * A new place of the form's SIRET on the roster of each funder it chose (each then sees it as a
 * candidate to qualify) and its description, in the caller's transaction (which checked the
 * SIRET under its lock): the one path of a registration and of a site its admin adds.
 * `adminOf` makes the place's admin: a registration's new account, made with the place (`by`
 * null), then does what follows; the admin adding a site (`by`) becomes the new site's once
 * it is on every roster.
 */
export async function createPlace(
  tx: Queryable,
  form: NewPlaceForm,
  by: Actor | null,
  adminOf: (placeId: string) => Promise<Actor>,
) {
  const name = oneLine(form.name);
  let place: Awaited<ReturnType<typeof funders.insertOrganisation>> | null = null;
  let actor = by;
  let admin: Actor | null = null;
  for (const funderId of form.funderIds) {
    // The first funder creates the place, the next ones add that one, as it is.
    place = await funders.insertOrganisation(tx, actor, {
      funderId,
      kind: 'place',
      name,
      siret: form.siret,
      communeCode: form.communeCode,
      join: place,
    });
    if (!actor) actor = admin = await adminOf(place.id);
  }
  const placeId = place!.id;
  admin ??= await adminOf(placeId);
  const profile = await repo.saveProfile(tx, placeId, profileValues(form));
  forgetSessionThemes([placeId]);
  return { placeId, name, admin, profile };
}
