import { ROLE_LABELS } from '../../core/audit-labels.js';
import { businessDate, frenchDate } from '../../core/dates.js';
import { conflict, DomainError, invalid, notFound } from '../../core/errors.js';
import {
  type Actor,
  can,
  PLACE_ROLES,
  placeRoleOf,
  type Role,
  requireFunder,
} from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as notifications from '../notifications/service.js';
import { recordTeamChange } from './journals.js';
import { withdrawInvitationMail } from './link-mail.js';
import { replaceResetLinks } from './password-reset.js';
import * as repo from './repo.js';
import { sendInvitation } from './service.js';

/**
 * A team's admins keep it: a funder's admins its staff (and its prescribers' agents), a place's
 * admins its people. They see who has access, change a colleague's role, end the access of
 * someone who left, and withdraw an invitation not yet accepted; a place's admins also invite.
 * Nothing is deleted: a membership ends, with when and by whom; a role change ends one
 * membership and opens another (migration 0044). The next request of the person concerned
 * already runs without it: sessions read memberships each time.
 */
export type Team = { funderId: string } | { placeId: string };

const FUNDER_MANAGED: readonly Role[] = ['funder_admin', 'funder_viewer', 'prescriber_agent'];

/** « le 1er décembre 2026 », the day in Paris, as the pages write it. */
const onDay = (at: Date) => `le ${frenchDate(businessDate(at))}`;

/** Only a team's admins keep it: a funder's (or the operator), a place's own. */
function authorise(actor: Actor, team: Team) {
  if ('funderId' in team) return requireFunder(actor, 'user:invite', team.funderId, 'Financeur');
  if (placeRoleOf(actor, team.placeId) !== 'place_admin')
    throw new DomainError(
      'forbidden',
      'Seul l’administrateur du lieu gère son équipe : demandez-lui d’inviter ou de retirer quelqu’un.',
    );
}

/** Whether a membership or invitation belongs to the team (else it does not exist for it: 404). */
function ofTeam(team: Team, row: { funderId: string | null; organisationId: string | null; role: string }) {
  return 'funderId' in team
    ? row.funderId === team.funderId && FUNDER_MANAGED.includes(row.role as Role)
    : row.organisationId === team.placeId && PLACE_ROLES.includes(row.role as Role);
}

/** Where a team's changes are journaled (journals.ts). */
const whereOf = (team: Team) =>
  'funderId' in team ? { funderId: team.funderId, placeId: null } : { funderId: null, placeId: team.placeId };

/**
 * Who has access, one line per person with their strongest role (an admin who was also invited
 * as a viewer is an admin), the caller marked (whose own line has no actions).
 */
export async function members(db: Queryable, actor: Actor, team: Team) {
  authorise(actor, team);
  const rows = await repo.teamOf(db, team);
  const seen = new Set<string>();
  // Ordered by name then role: 'funder_admin' before 'funder_viewer', 'place_admin' before 'place_agent'.
  const people = rows.filter((r) => !seen.has(r.userId) && seen.add(r.userId));
  const elsewhere = new Set(
    (
      await repo.liveMembershipsOfUsers(
        db,
        people.map((r) => r.userId),
      )
    )
      .filter((x) => !ofTeam(team, x))
      .map((x) => x.userId),
  );
  const handsLinks = isTeamAdmin(actor, team);
  return people.map((r) => ({
    membershipId: r.membershipId,
    displayName: r.displayName,
    email: r.email,
    role: r.role as TeamRole,
    since: r.since.toISOString(),
    you: r.userId === actor.userId,
    // Disabled by the platform's operator: listed (her role stays, for the team to end), marked.
    disabledAt: r.disabledAt?.toISOString() ?? null,
    // The refusals of issuePasswordLink, known from the list: the button is on these lines only.
    passwordLink: handsLinks && r.userId !== actor.userId && !r.disabledAt && !elsewhere.has(r.userId),
  }));
}

/**
 * The team's invitations waiting, for its admins: who was invited, with which role, until when;
 * `expired`: those whose link expired unused too, said so, to be sent again (« Renvoyer »).
 * The link itself cannot be shown again: only its token's hash is kept.
 */
export async function invitationsWaiting(
  db: Queryable,
  actor: Actor,
  team: Team,
  options: { expired?: boolean } = {},
) {
  authorise(actor, team);
  const rows = await repo.pendingInvitationsOf(db, team, options);
  return rows.map((r) => ({
    ...r,
    role: r.role as Role,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** A place's admin invites a colleague (another admin) or a volunteer (an agent) of the place. */
export async function inviteToPlace(
  db: Db,
  actor: Actor,
  placeId: string,
  input: { email: string; role: 'place_agent' | 'place_admin' },
) {
  authorise(actor, { placeId });
  return db.transaction(async (tx) => {
    const place = await funders.findPlace(tx, placeId);
    if (!place) throw notFound('Lieu');
    return sendInvitation(tx, actor, { ...input, funderId: null, organisationId: placeId }, place.name);
  });
}

type Managed = NonNullable<Awaited<ReturnType<typeof repo.lockMembership>>>;

/** The membership, locked, of this team and live (else refused, saying what became of it). */
async function lockLive(tx: Queryable, team: Team, membershipId: string) {
  const m = await repo.lockMembership(tx, membershipId);
  if (!m || !ofTeam(team, m)) throw notFound('Accès');
  if (m.endedAt) {
    // A role change ends the old line and opens another: a page loaded before it must not say
    // the person was removed, when they still have access under their new role.
    const [successor] = (await repo.lockSiblings(tx, m)).filter((x) => ofTeam(team, { ...m, role: x.role }));
    throw conflict(
      'membership_ended',
      successor
        ? `Le rôle de ${m.displayName} a changé ${onDay(m.endedAt)} : désormais ${ROLE_LABELS[successor.role]}. Rechargez la liste de l’équipe.`
        : `L’accès de ${m.displayName} (${ROLE_LABELS[m.role]}) a déjà été retiré, ${onDay(m.endedAt)}.`,
    );
  }
  return m;
}

/** The membership, locked, if the caller may change it: live, of this team, not the caller's own. */
async function lockManaged(tx: Queryable, actor: Actor, team: Team, membershipId: string) {
  authorise(actor, team);
  const m = await lockLive(tx, team, membershipId);
  if (m.userId === actor.userId)
    throw conflict(
      'own_membership',
      'Vous ne pouvez ni retirer ni changer votre propre accès : demandez-le à un autre administrateur.',
    );
  return m;
}

/**
 * Refuses to leave a team without an admin: a funder keeps one, two under the four-eyes rule (a
 * payment run prepared by one admin is approved by another; with a single admin left the rule
 * would lapse); a place keeps one, who answers for its keys, bank account and team. Only admins
 * who can act count: one whose account the platform's operator disabled can no longer sign in,
 * so removing her (or her role) takes nobody from the team, and is never refused. The team's
 * row is locked first; the database checks the same (migrations 0044, 0045, 0079).
 */
async function requireAdminsLeft(
  tx: Queryable,
  team: Team,
  m: Pick<Managed, 'role' | 'displayName' | 'disabledAt'>,
  act: 'end' | 'role',
) {
  if (m.disabledAt) return;
  const what =
    act === 'end' ? `de retirer l’accès de ${m.displayName}` : `de retirer ce rôle à ${m.displayName}`;
  const enabledOnly = { enabledOnly: true };
  if ('placeId' in team) {
    if (m.role !== 'place_admin') return;
    await funders.lockPlaceForStaffChange(tx, team.placeId);
    if ((await repo.liveAdminCount(tx, team, enabledOnly)) > 1) return;
    throw conflict(
      'last_admin',
      `${m.displayName} est le dernier administrateur du lieu : invitez d’abord un autre administrateur, avant ${what}.`,
    );
  }
  if (m.role !== 'funder_admin') return;
  const { fourEyes } = await funders.lockForStaffChange(tx, team.funderId);
  const adminCount = await repo.liveAdminCount(tx, team, enabledOnly);
  if (adminCount - 1 >= (fourEyes ? 2 : 1)) return;
  throw conflict(
    'last_admin',
    fourEyes
      ? `Le financeur doit garder deux administrateurs : la règle des quatre yeux fait approuver chaque lot de paiement par un autre administrateur que celui qui l’a préparé. Invitez d’abord un autre administrateur, ou désactivez cette règle dans les paramètres, avant ${what}.`
      : `${m.displayName} est le dernier administrateur du financeur : invitez d’abord un autre administrateur, avant ${what}.`,
  );
}

/** Why an invitation was withdrawn with its sender's access or admin role, as its team's journal says it. */
export const WITHDRAWN_WITH_ROLE = 'La personne qui l’a envoyée n’a plus le rôle qui permet d’inviter.';

/**
 * Withdraws the invitations the person sent for the team that she may no longer send, once her
 * access ended or her role changed (after it, in its transaction): all of them when she is no
 * longer its admin. An invitation stands for its sender's right to invite: an admin invitation
 * sent by someone no longer admin still made an admin. The operator's disable withdraws them the
 * same way, for every team (account-access.ts). Each in the team's journal; returns how many.
 */
async function withdrawInvitationsSheMayNotSend(
  tx: Queryable,
  actor: Actor,
  team: Team,
  m: { userId: string; email: string },
): Promise<number> {
  const her: Actor = {
    userId: m.userId,
    email: m.email,
    memberships: await repo.membershipsOf(tx, m.userId),
  };
  const mayInvite =
    'funderId' in team
      ? can(her, 'user:invite', team.funderId)
      : her.memberships.some((x) => x.organisationId === team.placeId && x.role === 'place_admin');
  if (mayInvite) return 0;
  const withdrawn = await repo.withdrawInvitationsSentBy(tx, m.userId, team);
  await withdrawInvitationMail(
    tx,
    withdrawn.map((inv) => inv.id),
  );
  await recordTeamChange(
    tx,
    whereOf(team),
    ...withdrawn.map((inv) => ({
      actor,
      action: 'invitation.withdraw',
      objectType: 'invitation',
      objectId: inv.id,
      summary: {
        email: inv.email,
        role: inv.role,
        ...(inv.organisationId ? { organisationId: inv.organisationId } : {}),
        invitedBy: m.userId,
        reason: WITHDRAWN_WITH_ROLE,
      },
    })),
  );
  return withdrawn.length;
}

/**
 * Ends someone's access (their membership), e.g. a colleague or a volunteer who left, and the
 * invitations they sent for the team. Returns how many invitations were withdrawn.
 */
export async function endMembership(db: Db, actor: Actor, team: Team, membershipId: string) {
  return db.transaction(async (tx) => {
    const m = await lockManaged(tx, actor, team, membershipId);
    // The person's access to the team ends whole: any other role they held in it ends too.
    const ended = [m, ...(await repo.lockSiblings(tx, m))];
    const admin = ended.find((x) => x.role === 'funder_admin' || x.role === 'place_admin');
    await requireAdminsLeft(tx, team, { ...m, role: admin?.role ?? m.role }, 'end');
    for (const x of ended) await repo.endMembership(tx, x.id, actor.userId);
    const withdrawnInvitations = await withdrawInvitationsSheMayNotSend(tx, actor, team, m);
    await tellMember(tx, actor, team, m, { change: 'ended' });
    await recordTeamChange(
      tx,
      whereOf(team),
      ...ended.map((x) => ({
        actor,
        action: 'membership.end',
        objectType: 'membership',
        objectId: x.id,
        summary: {
          email: m.email,
          role: x.role,
          ...(m.organisationId ? { organisationId: m.organisationId } : {}),
        },
      })),
    );
    return { withdrawnInvitations };
  });
}

/**
 * Tells the person whose access ended, or whose role changed, in the transaction of the change:
 * the space gone from their console is explained, and a change they did not expect is seen.
 */
async function tellMember(
  tx: Queryable,
  actor: Actor,
  team: Team,
  m: { email: string; organisationId: string | null },
  what: { change: 'ended' } | { change: 'role'; roleName: string },
) {
  const funderId = 'funderId' in team ? team.funderId : null;
  // A funder's own people belong to the funder; a place's, or a prescriber's agent, to it.
  const organisationName = m.organisationId
    ? ((await funders.organisationNames(tx, [m.organisationId])).get(m.organisationId) ?? '')
    : await funders.nameOf(tx, funderId!);
  const changedBy = (await repo.findUserById(tx, actor.userId))?.displayName ?? actor.email;
  await notifications.enqueue(tx, {
    to: m.email,
    template: 'access_changed',
    funderId,
    params: { organisationName, changedBy, changedOn: businessDate(), ...what },
  });
}

/** The roles a team's admin gives: a funder's admins and viewers, a place's admins and agents. */
const TEAM_ROLES = {
  funder: ['funder_admin', 'funder_viewer'],
  place: ['place_admin', 'place_agent'],
} as const satisfies Record<string, readonly Role[]>;
export type TeamRole = (typeof TEAM_ROLES)[keyof typeof TEAM_ROLES][number];

/**
 * Makes a colleague an admin, or takes that role back: the old membership ends, a new one opens
 * (a funder's viewer, a place's agent), and the invitations they sent for the team, which a
 * viewer or an agent could not send, are withdrawn. A prescriber's agent has no other role here.
 */
export async function changeRole(db: Db, actor: Actor, team: Team, membershipId: string, role: TeamRole) {
  return db.transaction(async (tx) => {
    const m = await lockManaged(tx, actor, team, membershipId);
    const allowed: readonly Role[] = 'funderId' in team ? TEAM_ROLES.funder : TEAM_ROLES.place;
    if (!allowed.includes(m.role)) throw notFound('Accès');
    if (!allowed.includes(role))
      throw invalid([{ field: 'role', message: 'Choisissez un rôle de cette équipe.' }]);
    // A role inside the team leaves where the person belongs as it was.
    const passwordLink =
      isTeamAdmin(actor, team) &&
      !m.disabledAt &&
      (await repo.liveMembershipsOfUsers(tx, [m.userId])).every((x) => ofTeam(team, x));
    const member = (held: { id: string; since: Date }, withdrawnInvitations = 0) => ({
      membershipId: held.id,
      displayName: m.displayName,
      email: m.email,
      role,
      since: held.since.toISOString(),
      you: false,
      disabledAt: m.disabledAt?.toISOString() ?? null,
      passwordLink,
      withdrawnInvitations,
    });
    if (m.role === role) return member(m);
    await requireAdminsLeft(tx, team, m, 'role');
    const opened = await repo.openMembership(tx, {
      userId: m.userId,
      role,
      funderId: 'funderId' in team ? team.funderId : null,
      organisationId: 'funderId' in team ? null : team.placeId,
    });
    await repo.endMembership(tx, m.id, actor.userId);
    const withdrawnInvitations = await withdrawInvitationsSheMayNotSend(tx, actor, team, m);
    await tellMember(tx, actor, team, m, { change: 'role', roleName: ROLE_LABELS[role] });
    await recordTeamChange(tx, whereOf(team), {
      actor,
      action: 'membership.role_change',
      objectType: 'membership',
      objectId: opened.id,
      summary: { email: m.email, role: m.role, newRole: role },
    });
    return member(opened, withdrawnInvitations);
  });
}

/**
 * The team's invitation, locked, still waiting: neither accepted nor withdrawn. One withdrawn
 * because it was sent again stands for the invitation that replaced it: another admin's list,
 * or a program's, still held the old one, and was told « déjà retirée » while the new link worked.
 */
async function lockWaitingInvitation(tx: Queryable, team: Team, invitationId: string) {
  const found = await repo.lockInvitation(tx, invitationId);
  if (!found || !('funderId' in team ? found.funderId === team.funderId : ofTeam(team, found)))
    throw notFound('Invitation');
  let inv = found;
  for (let next = await repo.lockReplacementOf(tx, inv); next; next = await repo.lockReplacementOf(tx, inv))
    inv = next;
  if (inv.acceptedAt || inv.withdrawnAt)
    throw conflict(
      'invitation_closed',
      inv.acceptedAt
        ? `${inv.email} a déjà accepté cette invitation, ${onDay(inv.acceptedAt)} : retirez son accès dans la liste de l’équipe si besoin.`
        : `Cette invitation a déjà été retirée, ${onDay(inv.withdrawnAt!)}.`,
    );
  return inv;
}

/** Withdraws an invitation nobody accepted yet: its link stops working at once. */
export async function withdrawInvitation(db: Db, actor: Actor, team: Team, invitationId: string) {
  await db.transaction(async (tx) => {
    authorise(actor, team);
    const inv = await lockWaitingInvitation(tx, team, invitationId);
    await repo.markInvitationWithdrawn(tx, inv.id);
    await withdrawInvitationMail(tx, [inv.id]);
    await recordTeamChange(tx, whereOf(team), {
      actor,
      action: 'invitation.withdraw',
      objectType: 'invitation',
      objectId: inv.id,
      summary: {
        email: inv.email,
        role: inv.role,
        ...(inv.organisationId ? { organisationId: inv.organisationId } : {}),
      },
    });
  });
}

/**
 * Sends a waiting invitation again, to the same address with the same role, under a new link
 * valid as long as a new invitation's (the e-mail never came, the link was lost or is about to
 * expire): the old link stops working, as when the admin invites the address anew.
 */
export async function resendInvitation(db: Db, actor: Actor, team: Team, invitationId: string) {
  return db.transaction(async (tx) => {
    authorise(actor, team);
    const inv = await lockWaitingInvitation(tx, team, invitationId);
    const joining = inv.organisationId
      ? ((await funders.organisationNames(tx, [inv.organisationId])).get(inv.organisationId) ?? '')
      : await funders.nameOf(tx, inv.funderId!);
    return sendInvitation(
      tx,
      actor,
      {
        funderId: inv.funderId,
        email: inv.email,
        role: inv.role as Role,
        organisationId: inv.organisationId,
      },
      joining,
    );
  });
}

/**
 * Whether the caller is the team's own admin: a funder's admin, a place's. The platform's
 * operator keeps a funder's team too, but belongs to none: a password link is for her own
 * command line (`password link`), not for a team's page.
 */
function isTeamAdmin(actor: Actor, team: Team) {
  return 'funderId' in team
    ? actor.memberships.some((x) => x.role === 'funder_admin' && x.funderId === team.funderId)
    : placeRoleOf(actor, team.placeId) === 'place_admin';
}

/** What the link's refusals say to do instead: whoever runs the platform prepares it. */
const ASK_THE_OPERATOR =
  'demandez à l’équipe qui gère la plateforme de lui préparer un lien (commande « password link »).';

/**
 * A team's admin prepares a link for a colleague to choose a new password, to hand it over in
 * person or by phone: on a server without e-mail (no SMTP_URL) « Mot de passe oublié » sends
 * nothing, and before, only whoever runs the server could help (`password link`). The scope is
 * narrow, for whoever holds the link holds the account: a person whose every role is in this
 * team (a funder's staff and its prescribers' agents; a place's people), never the caller, never
 * the platform's operator, never someone who also belongs elsewhere (another funder, a place for
 * a funder's admin, a beneficiary's record): the admin would take over access she does not keep.
 * The account's earlier links stop working; the new one is the e-mailed link's (an hour, once),
 * its token returned once and kept hashed only. Journaled in the team's journals (who, for whom);
 * with e-mail configured (`notifyOwner`), the owner is told, without the link.
 */
export async function issuePasswordLink(
  db: Db,
  actor: Actor,
  team: Team,
  membershipId: string,
  opts: { notifyOwner: boolean },
) {
  return db.transaction(async (tx) => {
    authorise(actor, team);
    if (!isTeamAdmin(actor, team))
      throw new DomainError(
        'forbidden',
        'Seuls les administrateurs du financeur préparent un lien de mot de passe pour leur équipe ; l’exploitant de la plateforme le prépare en ligne de commande (« password link »).',
      );
    const m = await lockLive(tx, team, membershipId);
    if (m.userId === actor.userId)
      throw conflict(
        'own_account',
        'Vous ne pouvez pas préparer de lien pour votre propre compte : changez votre mot de passe depuis « Mon compte ».',
      );
    if (m.disabledAt)
      throw conflict(
        'account_disabled',
        `Le compte de ${m.displayName} a été désactivé par l’exploitant de la plateforme : un lien ne lui servirait pas. Adressez-vous à l’exploitant.`,
      );
    const held = await repo.liveMembershipsOfUsers(tx, [m.userId]);
    // The database keeps the operator out of teams (migration 0062); said here should it not.
    if (held.some((x) => x.role === 'platform_admin'))
      throw conflict(
        'operator_account',
        `${m.displayName} administre aussi la plateforme : vous ne pouvez pas lui préparer de lien ; ${ASK_THE_OPERATOR}`,
      );
    if (!held.every((x) => ofTeam(team, x)))
      throw conflict(
        'account_elsewhere',
        `${m.displayName} a aussi un accès en dehors de ${'funderId' in team ? 'ce financeur' : 'ce lieu'} : vous ne pouvez pas lui préparer de lien ; ${ASK_THE_OPERATOR}`,
      );
    const { token, expiresAt } = await replaceResetLinks(tx, m.userId);
    if (opts.notifyOwner) {
      const funderId = 'funderId' in team ? team.funderId : null;
      await notifications.enqueue(tx, {
        to: m.email,
        template: 'password_link_issued',
        funderId,
        params: {
          organisationName: await teamName(tx, team),
          issuedBy: (await repo.findUserById(tx, actor.userId))?.displayName ?? actor.email,
          issuedOn: businessDate(),
        },
      });
    }
    await recordTeamChange(tx, whereOf(team), {
      actor,
      action: 'membership.password_link',
      objectType: 'user',
      objectId: m.userId,
      summary: {
        email: m.email,
        role: m.role,
        ...(m.organisationId ? { organisationId: m.organisationId } : {}),
      },
    });
    return { token, expiresAt, ownerEmailed: opts.notifyOwner };
  });
}

/** The team's name, as its people know it: the funder's, or the place's. */
async function teamName(tx: Queryable, team: Team) {
  return 'funderId' in team
    ? funders.nameOf(tx, team.funderId)
    : ((await funders.organisationNames(tx, [team.placeId])).get(team.placeId) ?? '');
}
