import { ROLE_LABELS } from '../../core/audit-labels.js';
import { businessDate, frenchDate } from '../../core/dates.js';
import { conflict, DomainError, notFound } from '../../core/errors.js';
import { type Actor, PLACE_ROLES, placeRoleOf, type Role, requireFunder } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as repo from './repo.js';
import { sendInvitation } from './service.js';

/**
 * A team's admins keep it: a funder's admins its staff (and its prescribers' agents), a place's
 * admin its people. They see who has access, change a funder colleague's role, end the access of
 * someone who left, and withdraw an invitation not yet accepted; a place's admin also invites.
 * Nothing is deleted: a membership ends, with when and by whom; a role change ends one
 * membership and opens another (migration 0044). The next request of the person concerned
 * already runs without it: sessions read memberships each time.
 */
export type Team = { funderId: string } | { placeId: string };

const FUNDER_MANAGED: readonly Role[] = ['funder_admin', 'funder_viewer', 'prescriber_agent'];
export const STAFF_ROLES = ['funder_admin', 'funder_viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

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

const funderIdOf = (team: Team) => ('funderId' in team ? team.funderId : null);

/** Who has access, with the caller marked (whose own line has no actions). */
export async function members(db: Queryable, actor: Actor, team: Team) {
  authorise(actor, team);
  const rows = await repo.teamOf(db, team);
  return rows.map((r) => ({
    membershipId: r.membershipId,
    displayName: r.displayName,
    email: r.email,
    role: r.role as StaffRole | 'place_admin' | 'place_agent',
    since: r.since.toISOString(),
    you: r.userId === actor.userId,
  }));
}

/**
 * The team's invitations waiting, for its admins: who was invited, with which role, until when.
 * The link itself cannot be shown again: only its token's hash is kept.
 */
export async function invitationsWaiting(db: Queryable, actor: Actor, team: Team) {
  authorise(actor, team);
  const rows = await repo.pendingInvitationsOf(db, team);
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

/** The membership, locked, if the caller may change it: live, of this team, not the caller's own. */
async function lockManaged(tx: Queryable, actor: Actor, team: Team, membershipId: string) {
  authorise(actor, team);
  const m = await repo.lockMembership(tx, membershipId);
  if (!m || !ofTeam(team, m)) throw notFound('Accès');
  if (m.endedAt)
    throw conflict(
      'membership_ended',
      `L’accès de ${m.displayName} (${ROLE_LABELS[m.role]}) a déjà été retiré, ${onDay(m.endedAt)}.`,
    );
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
 * would lapse); a place keeps one, who answers for its keys, bank account and team. The team's
 * row is locked first; the database checks the same (migrations 0044, 0045).
 */
async function requireAdminsLeft(tx: Queryable, team: Team, m: Managed) {
  if ('placeId' in team) {
    if (m.role !== 'place_admin') return;
    if ((await funders.lockPlaceForStaffChange(tx, team.placeId)).adminCount > 1) return;
    throw conflict(
      'last_admin',
      `${m.displayName} est le dernier administrateur du lieu : invitez d’abord un autre administrateur.`,
    );
  }
  if (m.role !== 'funder_admin') return;
  const { fourEyes, adminCount } = await funders.lockForStaffChange(tx, team.funderId);
  if (adminCount - 1 >= (fourEyes ? 2 : 1)) return;
  throw conflict(
    'last_admin',
    fourEyes
      ? `Le financeur doit garder deux administrateurs : la règle des quatre yeux fait approuver chaque lot de paiement par un autre administrateur que celui qui l’a préparé. Invitez d’abord un autre administrateur, ou désactivez cette règle dans les paramètres, avant de retirer ce rôle à ${m.displayName}.`
      : `${m.displayName} est le dernier administrateur du financeur : invitez d’abord un autre administrateur.`,
  );
}

/** Ends someone's access (their membership), e.g. a colleague or a volunteer who left. */
export async function endMembership(db: Db, actor: Actor, team: Team, membershipId: string) {
  await db.transaction(async (tx) => {
    const m = await lockManaged(tx, actor, team, membershipId);
    await requireAdminsLeft(tx, team, m);
    await repo.endMembership(tx, m.id, actor.userId);
    await audit.record(tx, {
      actor,
      funderId: funderIdOf(team),
      action: 'membership.end',
      objectType: 'membership',
      objectId: m.id,
      summary: {
        email: m.email,
        role: m.role,
        ...(m.organisationId ? { organisationId: m.organisationId } : {}),
      },
    });
  });
}

/** Makes a funder colleague an admin, or a viewer only: the old membership ends, a new one opens. */
export async function changeRole(
  db: Db,
  actor: Actor,
  funderId: string,
  membershipId: string,
  role: StaffRole,
) {
  return db.transaction(async (tx) => {
    const m = await lockManaged(tx, actor, { funderId }, membershipId);
    if (m.role === 'prescriber_agent') throw notFound('Accès');
    const member = (held: { id: string; since: Date }) => ({
      membershipId: held.id,
      displayName: m.displayName,
      email: m.email,
      role,
      since: held.since.toISOString(),
      you: false,
    });
    if (m.role === role) return member(m);
    await requireAdminsLeft(tx, { funderId }, m);
    const opened = await repo.openMembership(tx, { userId: m.userId, role, funderId, organisationId: null });
    await repo.endMembership(tx, m.id, actor.userId);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'membership.role_change',
      objectType: 'membership',
      objectId: opened.id,
      summary: { email: m.email, role: m.role, newRole: role },
    });
    return member(opened);
  });
}

/** Withdraws an invitation nobody accepted yet: its link stops working at once. */
export async function withdrawInvitation(db: Db, actor: Actor, team: Team, invitationId: string) {
  await db.transaction(async (tx) => {
    authorise(actor, team);
    const inv = await repo.lockInvitation(tx, invitationId);
    if (!inv || !('funderId' in team ? inv.funderId === team.funderId : ofTeam(team, inv)))
      throw notFound('Invitation');
    if (inv.acceptedAt || inv.withdrawnAt)
      throw conflict(
        'invitation_closed',
        inv.acceptedAt
          ? `${inv.email} a déjà accepté cette invitation, ${onDay(inv.acceptedAt)} : retirez son accès dans la liste de l’équipe si besoin.`
          : `Cette invitation a déjà été retirée, ${onDay(inv.withdrawnAt!)}.`,
      );
    await repo.markInvitationWithdrawn(tx, inv.id);
    await audit.record(tx, {
      actor,
      funderId: funderIdOf(team),
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
