import { businessDate } from '../../core/dates.js';
import type { Actor } from '../../core/permissions.js';
import type { SafeguardChange, TellAdmins } from '../../core/safeguards.js';
import type { Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as notifications from '../notifications/service.js';
import type { Team } from './members.js';
import * as repo from './repo.js';

/**
 * Tells every admin of the team (a funder's or a place's) that a safeguard of the money changed,
 * in the transaction of the change: written only if the change is. The admin who made it is told
 * too: if someone else is using their account, its owner learns it. Auth answers this because it
 * knows who the admins are; the funders and qualification modules that make the changes do not.
 * Returns how many were told.
 */
export async function tellAdmins(
  tx: Queryable,
  team: Team,
  organisationName: string,
  actor: Actor,
  what: SafeguardChange,
) {
  const funderId = 'funderId' in team ? team.funderId : null;
  const admins =
    'funderId' in team
      ? await repo.funderAdminEmails(tx, team.funderId)
      : (await repo.memberEmails(tx, [team.placeId], ['place_admin'])).map((r) => r.email);
  const changedBy = (await repo.findUserById(tx, actor.userId))?.displayName ?? actor.email;
  const params = {
    audience: funderId ? ('funder' as const) : ('place' as const),
    organisationName,
    ...('placeId' in team ? { placeId: team.placeId } : { funderId: team.funderId }),
    change: what.change,
    changedBy,
    changedOn: businessDate(),
    ...(what.change === 'bank_account' ? { ibanEnd: what.iban.replace(/\s/g, '').slice(-4) } : {}),
    ...(what.change === 'bank_account' && what.formerAccountTransfers?.length
      ? { formerAccountTransfers: what.formerAccountTransfers }
      : {}),
    ...(what.change === 'operator_invitation'
      ? { invitedEmail: what.invitedEmail, roleLabel: what.roleLabel }
      : {}),
  };
  await notifications.enqueueMany(
    tx,
    admins.map((to) => ({
      to,
      template: 'safeguard_changed' as const,
      funderId,
      params,
    })),
  );
  return admins.length;
}

/** `tellAdmins` for a funder's change, as its settings take it. */
export const toFunderAdmins =
  (funderId: string, actor: Actor): TellAdmins =>
  async (tx, what) => {
    await tellAdmins(tx, { funderId }, await funders.nameOf(tx, funderId), actor, what);
  };

/** `tellAdmins` for a place's change. */
export const toPlaceAdmins =
  (placeId: string, actor: Actor): TellAdmins =>
  async (tx, what) => {
    await tellAdmins(
      tx,
      { placeId },
      (await funders.organisationNames(tx, [placeId])).get(placeId) ?? '',
      actor,
      what,
    );
  };
