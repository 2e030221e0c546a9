import { ROLE_LABELS } from '../../core/audit-labels.js';
import { businessDate, frenchDate } from '../../core/dates.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../core/errors.js';
import { type Actor, can, isPlatformAdmin, type Role, requireFunder } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import { emailAddress } from '../../http/text-fields.js';
import * as audit from '../audit/service.js';
import type { CreateFunderInput } from '../funders/schemas.js';
import * as funders from '../funders/service.js';
import * as notifications from '../notifications/service.js';
import { passwordWeakness, requireStrongPassword } from './password-strength.js';

export { passwordWeakness };

import { recordTeamChange } from './journals.js';
import { invitationMessageKey, withdrawAcceptedInvitationMail, withdrawInvitationMail } from './link-mail.js';
import { hashPassword } from './passwords.js';
import * as repo from './repo.js';
import { tellAdmins } from './safeguards.js';
import { membershipOf, normaliseEmail, openSessionFor, type SessionView } from './sign-in.js';
import { newToken, requireWholeToken, tokenHash } from './tokens.js';

const INVITATION_DAYS = 14;

export {
  checkPasswordReset,
  confirmPasswordReset,
  passwordLinkFor,
  requestPasswordReset,
} from './password-reset.js';
export { hashPassword } from './passwords.js';
export {
  changePassword,
  confirmPassword,
  login,
  logout,
  normaliseEmail,
  openSessionFor,
  purgeLoginFailures,
  type SessionView,
  signInByVerifiedEmail,
  signInFailureLimiter,
  type VerifiedEmailRefusal,
} from './sign-in.js';
export { newToken, requireWholeToken, tokenHash } from './tokens.js';

/** Forgets expired sessions and password reset links (the hourly job). */
export const purgeExpiredTokens = (db: Queryable) => repo.purgeExpiredTokens(db);

/** Whether an account has the address (an enabled one or not). */
export async function hasAccount(db: Queryable, email: string): Promise<boolean> {
  return Boolean(await repo.findUserByEmail(db, normaliseEmail(email)));
}

/** A user as an actor without a session: the demo loader and the command line act as them. */
export async function actorByEmail(db: Queryable, email: string): Promise<Actor | undefined> {
  const user = await repo.findUserByEmail(db, normaliseEmail(email));
  if (!user) return undefined;
  return { userId: user.id, email: user.email, memberships: await repo.membershipsOf(db, user.id) };
}

/** The actor behind a session cookie, or null when the session is unknown or expired. */
export async function resolveSession(db: Db, token: string) {
  const live = await repo.findLiveSession(db, tokenHash(token));
  if (!live) return null;
  const memberships = await repo.membershipsOf(db, live.userId);
  const actor: Actor = { userId: live.userId, email: live.email, memberships };
  const session: SessionView = {
    user: {
      id: live.userId,
      email: live.email,
      displayName: live.displayName,
      hasPassword: live.passwordSet,
    },
    memberships,
    csrfToken: live.csrfToken,
  };
  return { actor, session };
}

/** A new account with its one membership, of no funder (the caller checked the password). */
async function insertAccount(
  tx: Queryable,
  input: { email: string; displayName: string; passwordHash: string },
  role: 'platform_admin' | 'place_admin',
  organisationId: string | null,
) {
  const user = await repo.insertUser(tx, {
    email: input.email,
    displayName: input.displayName,
    passwordHash: input.passwordHash,
  });
  await repo.insertMembership(tx, { userId: user.id, role, funderId: null, organisationId });
  return user;
}

/** Used by the command line: the first account of an instance. */
export async function createPlatformAdmin(
  db: Db,
  input: { email: string; displayName: string; password: string },
) {
  const email = normaliseEmail(input.email);
  // The check of the forms' e-mail fields: an admin signs in with it and is written to there.
  const address = emailAddress().safeParse(email);
  if (!address.success)
    throw invalid(
      [{ field: 'email', message: address.error.issues[0]!.message }],
      'Adresse électronique invalide.',
    );
  await requireStrongPassword(input.password, [email, input.displayName]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await repo.findUserByEmail(tx, email))
      throw conflict('email_taken', 'Un compte existe déjà avec cette adresse.');
    const user = await insertAccount(
      tx,
      { email, displayName: input.displayName, passwordHash },
      'platform_admin',
      null,
    );
    await audit.record(tx, {
      actor: null,
      actorLabel: 'ligne de commande',
      funderId: null,
      action: 'user.create_platform_admin',
      objectType: 'user',
      objectId: user.id,
      summary: { email },
    });
    return user;
  });
}

export interface InvitationInput {
  funderId: string;
  email: string;
  role: Exclude<Role, 'platform_admin'>;
  organisationId?: string | null;
}

const ORGANISATION_KIND: Partial<Record<Role, 'prescriber' | 'place'>> = {
  prescriber_agent: 'prescriber',
  place_agent: 'place',
  place_admin: 'place',
};

/**
 * A platform admin creates a funder and invites its first funder admin, in one transaction.
 * It lives with the invitations, not with the funders, so that auth depends on funders and
 * never the reverse.
 */
export async function createFunder(db: Db, actor: Actor, input: CreateFunderInput) {
  if (!can(actor, 'funder:create')) throw forbidden();
  return db.transaction(async (tx) => {
    // Checked before the funder exists, to name the form's field (sendInvitation names `email`).
    if (await repo.isOperatorEmail(tx, normaliseEmail(input.firstAdminEmail)))
      throw operatorAccount([{ field: 'firstAdminEmail', message: OPERATOR_FIELD }]);
    const row = await funders.insert(tx, actor, input);
    const { token, invitation } = await invite(tx, actor, {
      funderId: row.id,
      email: input.firstAdminEmail,
      role: 'funder_admin',
    });
    return { funder: funders.present(row), token, invitation };
  });
}

/** Invites someone to a funder with a role (sendInvitation says what comes back). */
export async function invite(tx: Queryable, actor: Actor | null, input: InvitationInput) {
  if (actor) requireFunder(actor, 'user:invite', input.funderId, 'Financeur');
  const kind = ORGANISATION_KIND[input.role];
  let org: { name: string } | null = null;
  if (kind) {
    const found = input.organisationId
      ? await funders.findOrganisation(tx, input.funderId, input.organisationId)
      : null;
    if (!found || found.kind !== kind) {
      throw invalid([
        { field: 'organisationId', message: 'Choisissez une structure de ce financeur adaptée à ce rôle.' },
      ]);
    }
    org = found;
    if (actor && kind === 'place') await requireUnrunPlace(tx, input.organisationId!, found.name);
  }
  return sendInvitation(
    tx,
    actor,
    {
      funderId: input.funderId,
      email: input.email,
      role: input.role,
      organisationId: kind ? (input.organisationId ?? null) : null,
    },
    org?.name ?? (await funders.nameOf(tx, input.funderId)),
  );
}

/**
 * Whether the place has an admin of its own: then its admin, not a funder, invites its team.
 * An admin whose account the platform's operator disabled can no longer sign in: she runs
 * nothing, and a place left with her alone is brought a new admin by a funder.
 */
export async function placeRunsItsTeam(tx: Queryable, placeId: string): Promise<boolean> {
  return (await repo.liveAdminCount(tx, { placeId }, { enabledOnly: true })) > 0;
}

/**
 * A funder brings a place's first people in; once the place has its own admin, its team is its
 * own business (members.ts). A place's SIRET is public and any funder may add it to its roster:
 * without this rule, that funder could invite an admin of its choosing, who could then change
 * the bank account that is paid, revoke the keys and remove the real admin.
 */
async function requireUnrunPlace(tx: Queryable, placeId: string, placeName: string) {
  await funders.lockPlaceForStaffChange(tx, placeId);
  if (!(await placeRunsItsTeam(tx, placeId))) return;
  throw conflict(
    'place_runs_its_team',
    `Le lieu « ${placeName} » a déjà un administrateur : c’est lui qui invite les personnes de son équipe.`,
    [{ field: 'organisationId', message: 'Ce lieu gère lui-même son équipe.' }],
  );
}

/**
 * Records an invitation and puts its e-mail in the outbox, in the caller's transaction (the
 * caller authorised it and checked its organisation). Returns the one-time token for the link;
 * only its hash is kept with the invitation; the e-mail carrying the link holds it in the outbox
 * until it is sent (then it is erased there too). `joining` names what the invitee joins.
 */
export async function sendInvitation(
  tx: Queryable,
  actor: Actor | null,
  input: { funderId: string | null; email: string; role: Role; organisationId: string | null },
  joining: string,
) {
  const email = normaliseEmail(input.email);
  if (await repo.isOperatorEmail(tx, email))
    throw operatorAccount([{ field: 'email', message: OPERATOR_FIELD }]);
  const byOperator = await operatorInvitation(tx, actor, input);
  const [held] = await repo.liveMembershipsLike(tx, email, input);
  if (held)
    throw conflict(
      'already_member',
      held.role === input.role
        ? `${held.displayName} (${email}) a déjà accès à ${joining} comme ${ROLE_LABELS[held.role]}.`
        : `${held.displayName} (${email}) a déjà accès à ${joining} comme ${ROLE_LABELS[held.role]} : changez son rôle dans la liste de l’équipe plutôt que de l’inviter à nouveau.`,
      [{ field: 'email', message: 'Cette personne a déjà accès.' }],
    );
  // One link at a time: inviting again (a lost link) withdraws the one still waiting.
  const replaced = await repo.withdrawInvitationsLike(tx, email, input);
  await withdrawInvitationMail(
    tx,
    replaced.map((r) => r.id),
  );
  const token = newToken();
  const row = await repo.insertInvitation(tx, {
    ...input,
    email,
    tokenHash: tokenHash(token),
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    createdBy: actor?.userId ?? null,
  });
  // The link goes by e-mail to the invited address, in this transaction (issue 12, point 7).
  const inviter = actor ? await repo.findUserById(tx, actor.userId) : undefined;
  await notifications.enqueue(tx, {
    to: row.email,
    template: 'invitation',
    funderId: input.funderId,
    dedupeKey: invitationMessageKey(row.id),
    sendBefore: row.expiresAt,
    params: {
      organisationName: joining,
      roleLabel: ROLE_LABELS[input.role] ?? input.role,
      ...(inviter ? { invitedBy: inviter.displayName } : {}),
      token,
      expiresOn: businessDate(row.expiresAt),
    },
  });
  // The operator's invitation is told to the funder's admins who can act, should there be any
  // (an admin who joined meanwhile), and the journal says why the operator could send it.
  const adminsEmailed =
    byOperator && actor && input.funderId
      ? await tellAdmins(tx, { funderId: input.funderId }, joining, actor, {
          change: 'operator_invitation',
          invitedEmail: row.email,
          roleLabel: ROLE_LABELS[input.role],
        })
      : 0;
  await recordTeamChange(
    tx,
    { funderId: input.funderId, placeId: input.organisationId ?? null },
    {
      actor,
      action: 'invitation.create',
      objectType: 'invitation',
      objectId: row.id,
      summary: {
        email: row.email,
        role: row.role,
        ...(input.organisationId ? { organisationId: input.organisationId } : {}),
        ...(byOperator ? { byOperator, adminsEmailed } : {}),
      },
    },
  );
  return { token, invitation: row };
}

/**
 * What the platform's operator may invite to a funder: its first admin, to set it up, and a new
 * admin once none of its admins can act (their accounts disabled), to rescue it; nothing else.
 * Its other seats are its admins' to give: an operator who could make an admin of an address of
 * its own, while the funder has one, would take the printer's file and approve payments without
 * anybody there choosing it. Sending a waiting invitation again is inviting, under the same rule
 * (without e-mail its link is shown to whoever sends it). The funder is locked first, as its
 * staff changes lock it. Returns why the operator may (null: the caller is not the operator).
 */
async function operatorInvitation(
  tx: Queryable,
  actor: Actor | null,
  input: { funderId: string | null; role: Role },
): Promise<'first_admin' | 'rescue' | null> {
  if (!actor || !isPlatformAdmin(actor) || !input.funderId) return null;
  const funderName = await funders.nameOf(tx, input.funderId);
  if (input.role !== 'funder_admin')
    throw conflict(
      'operator_invites_admins_only',
      `L’opérateur de la plateforme n’invite que l’administrateur d’un financeur (le premier, ou un nouveau quand aucun ne peut plus agir) : c’est lui qui invite ensuite les autres personnes de « ${funderName} ».`,
      [{ field: 'role', message: 'Seul le rôle d’administrateur du financeur est possible ici.' }],
    );
  await funders.lockForStaffChange(tx, input.funderId);
  const team = { funderId: input.funderId };
  if ((await repo.liveAdminCount(tx, team, { enabledOnly: true })) > 0)
    throw conflict(
      'funder_runs_its_team',
      `« ${funderName} » a déjà un administrateur qui peut agir : c’est lui qui invite les personnes de son équipe, un autre administrateur compris. L’opérateur de la plateforme n’invite que le premier administrateur d’un financeur, ou un nouveau quand aucun ne peut plus agir.`,
    );
  return (await repo.liveAdminCount(tx, team)) > 0 ? 'rescue' : 'first_admin';
}

/**
 * Why an invitation's link no longer works, told to its holder (only they have the token): to
 * ask the team again, open the latest e-mail, or sign in. A token that matches nothing is a
 * bare 404.
 */
async function closedInvitation(db: Queryable, token: string): Promise<DomainError> {
  const inv = await repo.findInvitationByToken(db, tokenHash(token));
  if (!inv) return notFound('Invitation');
  const gone = (detail: string) => new DomainError('invitation_gone', detail);
  if (inv.acceptedAt)
    return gone(
      `Cette invitation a déjà été acceptée, le ${frenchDate(businessDate(inv.acceptedAt))} : connectez-vous avec le compte de cette adresse (« Mot de passe oublié ? » si besoin).`,
    );
  if (inv.replaced)
    return gone(
      'Une invitation plus récente vous a été envoyée : ouvrez le lien du dernier courriel reçu, celui-ci ne fonctionne plus.',
    );
  if (inv.withdrawnAt)
    return gone(
      `Cette invitation a été retirée par l’équipe qui l’avait envoyée, le ${frenchDate(businessDate(inv.withdrawnAt))}. Si vous l’attendiez, demandez-lui de vous inviter à nouveau.`,
    );
  return gone(
    `Cette invitation a expiré le ${frenchDate(businessDate(inv.expiresAt))} : demandez à l’équipe qui vous l’a envoyée de vous inviter à nouveau.`,
  );
}

/**
 * What the invitation page shows. `existingAccount` tells the page to ask for a sign-in
 * rather than a new password: the token's holder learns that an account has the invited
 * address, which creating the invitation (an audited act of a funder admin) already implies
 * it may ask, and which accepting would tell anyway.
 */
export async function getInvitation(db: Db, token: string) {
  requireWholeToken(token);
  const found = await repo.findPendingInvitation(db, tokenHash(token));
  if (!found) throw await closedInvitation(db, token);
  const existing = await repo.findUserByEmail(db, found.invitation.email);
  return {
    email: found.invitation.email,
    role: found.invitation.role as Role,
    funderName: found.funderName,
    organisationName: found.organisationName,
    existingAccount: existing !== undefined,
  };
}

/**
 * The platform operator creates funders and reads across them to support them: its account
 * joins no team, so that it never runs a programme, takes the printer's file or approves a
 * payment as a funder's second admin (memberships' trigger, migration 0062, keeps it so).
 */
const operatorAccount = (errors?: { field: string; message: string }[]) =>
  conflict(
    'operator_account',
    'Cette adresse est celle d’un compte de l’opérateur de la plateforme, qui ne rejoint aucune équipe : invitez l’adresse personnelle de la personne, pour un compte à part.',
    errors,
  );
const OPERATOR_FIELD = 'Adresse d’un compte de l’opérateur de la plateforme : choisissez une autre adresse.';

const accountExists = () =>
  conflict(
    'account_exists',
    'Un compte existe déjà avec cette adresse : connectez-vous avec ce compte, puis acceptez l’invitation.',
  );

type PendingInvitation = NonNullable<Awaited<ReturnType<typeof repo.findPendingInvitation>>>['invitation'];

/** The console of each role an invitation gives: a funder's team, a place's, a prescriber organisation's. */
const JOINED_KIND: Partial<Record<Role, 'funder' | 'place' | 'prescriber'>> = {
  funder_admin: 'funder',
  funder_viewer: 'funder',
  place_admin: 'place',
  place_agent: 'place',
  prescriber_agent: 'prescriber',
};

/** What an accepted invitation joined, named as the invitation named it (its answer says so). */
function joinedBy(found: NonNullable<Awaited<ReturnType<typeof repo.findPendingInvitation>>>) {
  const inv = found.invitation;
  const role = inv.role as Role;
  // No other role is invited (InvitationBody): a funder's when it names no organisation.
  const kind = JOINED_KIND[role] ?? (inv.organisationId ? 'place' : 'funder');
  const funder = kind === 'funder';
  return {
    kind,
    id: (funder ? inv.funderId : inv.organisationId) ?? '',
    name: (funder ? found.funderName : found.organisationName) ?? '',
    role,
    roleLabel: ROLE_LABELS[role] ?? role,
  };
}

/** The invitation's role becomes a membership of the account, in the funder's audit trail. */
async function addMembership(tx: Queryable, user: { id: string; email: string }, inv: PendingInvitation) {
  // An invitation sent before its address became an operator's is not taken up.
  if (await repo.isOperatorEmail(tx, user.email)) throw operatorAccount();
  await repo.insertMembership(tx, membershipOf(user.id, inv));
  await repo.markInvitationAccepted(tx, inv.id);
  await withdrawAcceptedInvitationMail(tx, inv.id);
  const actor: Actor = { userId: user.id, email: user.email, memberships: [] };
  await recordTeamChange(
    tx,
    { funderId: inv.funderId, placeId: inv.organisationId },
    {
      actor,
      action: 'invitation.accept',
      objectType: 'invitation',
      objectId: inv.id,
      summary: { email: inv.email, role: inv.role },
    },
    {
      actor,
      action: 'membership.create',
      objectType: 'user',
      objectId: user.id,
      summary: {
        role: inv.role,
        organisationId: inv.organisationId,
        invitationId: inv.id,
        invitedBy: inv.createdBy,
      },
    },
  );
}

/**
 * Accepting as someone new creates the account with a strong password and signs in. An
 * existing account is refused whatever the password, without checking it: it joins by
 * signing in (with its lockout), then `joinInvitation`. Checking the password here let anyone
 * holding an invitation to an address guess that account's password unhindered.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { displayName: string; password: string },
  options: { ttlHours: number; address?: string },
) {
  requireWholeToken(token);
  return db.transaction(async (tx) => {
    const found = await repo.findPendingInvitation(tx, tokenHash(token), true);
    if (!found) throw await closedInvitation(tx, token);
    const inv = found.invitation;
    if (await repo.findUserByEmail(tx, inv.email)) throw accountExists();
    await requireStrongPassword(input.password, [inv.email, input.displayName]);
    const user = await repo.insertUser(tx, {
      email: inv.email,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
    });
    await addMembership(tx, user, inv);
    const opened = await openSessionFor(tx, user, { ...options, method: 'invitation' });
    return { ...opened, joined: joinedBy(found) };
  });
}

/** A signed-in account takes up an invitation sent to its own address; returns what it joined. */
export async function joinInvitation(db: Db, actor: Actor, token: string) {
  requireWholeToken(token);
  return db.transaction(async (tx) => {
    const found = await repo.findPendingInvitation(tx, tokenHash(token), true);
    if (!found) throw await closedInvitation(tx, token);
    if (found.invitation.email !== normaliseEmail(actor.email)) {
      throw new DomainError(
        'invitation_other_account',
        'Cette invitation est adressée à une autre adresse électronique : connectez-vous avec le compte de cette adresse pour l’accepter.',
      );
    }
    await addMembership(tx, { id: actor.userId, email: actor.email }, found.invitation);
    return joinedBy(found);
  });
}

/** A prescriber organisation's agents and pending invitations (callers authorise). */
export const agentsOf = repo.agentsOf;
/**
 * An account made by the one who registers a place (issue 11, point 4), no invitation
 * behind it: the registration checked the password's strength with the other fields. The
 * account becomes the place's admin; `emailField` names the form's field if the address is
 * taken (the person is asked to sign in instead). Runs in the registration's transaction.
 */
export async function createPlaceAdmin(
  tx: Queryable,
  input: { email: string; displayName: string; passwordHash: string; placeId: string },
  emailField = 'email',
) {
  const email = normaliseEmail(input.email);
  if (await repo.findUserByEmail(tx, email))
    throw conflict(
      'account_exists',
      'Un compte existe déjà avec cette adresse : connectez-vous avec ce compte, ou choisissez une autre adresse.',
      [
        {
          field: emailField,
          message: 'Un compte existe déjà avec cette adresse : connectez-vous avec ce compte.',
        },
      ],
    );
  const user = await insertAccount(tx, { ...input, email }, 'place_admin', input.placeId);
  await audit.record(tx, {
    actor: { userId: user.id, email: user.email, memberships: [] },
    funderId: null,
    action: 'membership.create',
    objectType: 'user',
    objectId: user.id,
    summary: { role: 'place_admin', organisationId: input.placeId, registration: true },
  });
  return user;
}

/**
 * The admin of a place becomes the admin of a new site of its structure that it adds itself
 * (place-profiles/sites.ts): its own account, no invitation. Runs in the caller's transaction
 * once the site is on its funders' rosters, so that each of their journals records it.
 */
export async function addSiteAdmin(tx: Queryable, actor: Actor, input: { placeId: string; siteOf: string }) {
  await repo.insertMembership(tx, {
    userId: actor.userId,
    role: 'place_admin',
    funderId: null,
    organisationId: input.placeId,
  });
  await recordTeamChange(
    tx,
    { funderId: null, placeId: input.placeId },
    {
      actor,
      action: 'membership.create',
      objectType: 'user',
      objectId: actor.userId,
      summary: { role: 'place_admin', organisationId: input.placeId, siteOf: input.siteOf },
    },
  );
  return actor;
}

/**
 * Whom to write to for organisations (statements, end-of-programme reminders): the e-mails of
 * their members with an enabled account, of the given roles if any, in one query for them all.
 */
export async function memberEmails(
  tx: Queryable,
  organisationIds: string[],
  roles?: Role[],
): Promise<{ organisationId: string; email: string }[]> {
  return repo.memberEmails(tx, [...new Set(organisationIds)], roles);
}

/**
 * The names of these people, by account id, in one query: a place's sessions say who recorded
 * them (the caller has authorised; a disabled account keeps its name, as its past work).
 */
export async function displayNamesOf(tx: Queryable, userIds: string[]): Promise<Map<string, string>> {
  const rows = await repo.displayNamesOf(tx, [...new Set(userIds)]);
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** The e-mails of the funder's admins with an enabled account. */
export async function funderAdminEmails(tx: Queryable, funderId: string): Promise<string[]> {
  return repo.funderAdminEmails(tx, funderId);
}
