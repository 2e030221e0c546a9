import { ROLE_LABELS } from '../../core/audit-labels.js';
import { businessDate, frenchDate } from '../../core/dates.js';
import { conflict, notFound } from '../../core/errors.js';
import { type Actor, type Role, requireFunder } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as repo from './repo.js';

/**
 * A funder's admins keep its staff: they see who has access, change a colleague's role, end
 * the access of someone who left (a colleague, or an agent of one of its prescribers), and
 * withdraw an invitation not yet accepted. Nothing is deleted: a membership ends, with when and
 * by whom; a role change ends one membership and opens another (migration 0044). The next
 * request of the person concerned already runs without it: sessions read memberships each time.
 */

/** The memberships a funder's admins manage: its staff, and its prescribers' agents. */
const MANAGED: readonly Role[] = ['funder_admin', 'funder_viewer', 'prescriber_agent'];
export const STAFF_ROLES = ['funder_admin', 'funder_viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const MANAGE = 'user:invite' as const;

/** Who has access to the funder's space, with the caller marked (whose own line has no actions). */
export async function staff(db: Queryable, actor: Actor, funderId: string) {
  requireFunder(actor, MANAGE, funderId, 'Financeur');
  const rows = await repo.staffOf(db, funderId);
  return rows.map((r) => ({
    membershipId: r.membershipId,
    displayName: r.displayName,
    email: r.email,
    role: r.role as StaffRole,
    since: r.since.toISOString(),
    you: r.userId === actor.userId,
  }));
}

/** « le 1er décembre 2026 », the day in Paris, as the pages write it. */
const onDay = (at: Date) => `le ${frenchDate(businessDate(at))}`;

type Managed = NonNullable<Awaited<ReturnType<typeof repo.lockMembershipOf>>>;

/** The membership, locked, if the caller may change it: live, of this funder, not the caller's own. */
async function lockManaged(tx: Queryable, actor: Actor, funderId: string, membershipId: string) {
  requireFunder(actor, MANAGE, funderId, 'Financeur');
  const m = await repo.lockMembershipOf(tx, funderId, membershipId);
  if (!m || !MANAGED.includes(m.role)) throw notFound('Accès');
  if (m.endedAt)
    throw conflict(
      'membership_ended',
      `L’accès de ${m.displayName} (${ROLE_LABELS[m.role]}) a déjà été retiré, ${onDay(m.endedAt)}.`,
    );
  if (m.userId === actor.userId)
    throw conflict(
      'own_membership',
      'Vous ne pouvez ni retirer ni changer votre propre accès : demandez-le à un autre administrateur du financeur.',
    );
  return m;
}

/**
 * Refuses to leave the funder without an admin, or with one only under the four-eyes rule
 * (a payment run prepared by one admin is approved by another; with a single admin left the
 * rule would lapse). The funder's row is locked first; the database checks the same.
 */
async function requireAdminsLeft(tx: Queryable, funderId: string, m: Managed) {
  if (m.role !== 'funder_admin') return;
  const { fourEyes, adminCount } = await funders.lockForStaffChange(tx, funderId);
  const needed = fourEyes ? 2 : 1;
  if (adminCount - 1 >= needed) return;
  throw conflict(
    'last_funder_admin',
    fourEyes
      ? `Le financeur doit garder deux administrateurs : la règle des quatre yeux fait approuver chaque lot de paiement par un autre administrateur que celui qui l’a préparé. Invitez d’abord un autre administrateur, ou désactivez cette règle dans les paramètres, avant de retirer ce rôle à ${m.displayName}.`
      : `${m.displayName} est le dernier administrateur du financeur : invitez d’abord un autre administrateur.`,
  );
}

/** Ends someone's access (their membership), e.g. a colleague or a volunteer who left. */
export async function endMembership(db: Db, actor: Actor, funderId: string, membershipId: string) {
  await db.transaction(async (tx) => {
    const m = await lockManaged(tx, actor, funderId, membershipId);
    await requireAdminsLeft(tx, funderId, m);
    await repo.endMembership(tx, m.id, actor.userId);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'membership.end',
      objectType: 'membership',
      objectId: m.id,
      summary: { email: m.email, role: m.role, organisationId: m.organisationId },
    });
  });
}

/** Makes a colleague an admin, or a viewer only: the old membership ends, a new one opens. */
export async function changeRole(
  db: Db,
  actor: Actor,
  funderId: string,
  membershipId: string,
  role: StaffRole,
) {
  return db.transaction(async (tx) => {
    const m = await lockManaged(tx, actor, funderId, membershipId);
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
    await requireAdminsLeft(tx, funderId, m);
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
export async function withdrawInvitation(db: Db, actor: Actor, funderId: string, invitationId: string) {
  await db.transaction(async (tx) => {
    requireFunder(actor, MANAGE, funderId, 'Financeur');
    const inv = await repo.lockInvitationOf(tx, funderId, invitationId);
    if (!inv) throw notFound('Invitation');
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
      funderId,
      action: 'invitation.withdraw',
      objectType: 'invitation',
      objectId: inv.id,
      summary: { email: inv.email, role: inv.role, organisationId: inv.organisationId },
    });
  });
}
