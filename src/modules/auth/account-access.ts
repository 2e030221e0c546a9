import { DomainError, forbidden, invalid } from '../../core/errors.js';
import { frenchInstant } from '../../core/french-time.js';
import { type Actor, isPlatformAdmin } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import { recordTeamChange } from './journals.js';
import { withdrawInvitationMail, withdrawResetMail } from './link-mail.js';
import * as repo from './repo.js';
import { normaliseEmail } from './sign-in.js';

/*
 * The platform's operator cuts an account off, at once and everywhere: a compromised account,
 * or a person who must no longer get in. Disabling sets `disabled_at` (sign-in, sessions and
 * reset links already refuse such an account), ends its sessions, spends its waiting reset
 * links and withdraws the invitations it sent that nobody accepted yet (a compromised admin's
 * invitation to an address of the intruder's would otherwise let them back in), each in its
 * team's journal; its roles in the teams are left as they are, for the teams' admins. Enabling
 * gives the account back as it was, without the invitations. Each is an entry of the platform's
 * journal; a mistake is corrected by the other action, a new entry, never by deleting one.
 * The command line does the same, as `actor` null (the server's operator, « ligne de commande »).
 */

export const REASON_MAX = 500;

/** Why an invitation was withdrawn with its sender's account, as its team's journal says it. */
export const WITHDRAWN_WITH_SENDER =
  'Le compte qui l’a envoyée a été désactivé par l’opérateur de la plateforme.';

/**
 * The team whose journal an invitation belongs to: the funder that sent it, else the place it
 * joins (members.ts journals a team's invitations the same way).
 */
const teamOfInvitation = (inv: { funderId: string | null; organisationId: string | null }) =>
  inv.funderId ? { funderId: inv.funderId, placeId: null } : { funderId: null, placeId: inv.organisationId };

/** Who acts: a platform admin over HTTP, or the server's command line (null). */
type By = Actor | null;

const recordedBy = (by: By) => (by ? { actor: by } : { actor: null, actorLabel: 'ligne de commande' });

/** The reason, trimmed: required, 500 characters at most, said in French naming « Motif ». */
export function checkedReason(raw: string | undefined): string {
  const reason = (raw ?? '').trim();
  if (!reason)
    throw invalid(
      [{ field: 'reason', message: 'Motif : indiquez pourquoi le compte est désactivé.' }],
      'Le motif est obligatoire.',
    );
  if (reason.length > REASON_MAX)
    throw invalid([
      { field: 'reason', message: `Motif : ${REASON_MAX} caractères au plus (${reason.length} saisis).` },
    ]);
  return reason;
}

async function accountOf(tx: Queryable, email: string) {
  const user = await repo.findUserByEmail(tx, email);
  if (!user)
    throw new DomainError('not_found', 'Aucun compte n’a cette adresse électronique.', [
      { field: 'email', message: `Adresse électronique : aucun compte n’a l’adresse ${email}, vérifiez-la.` },
    ]);
  return user;
}

export async function disableAccount(db: Db, by: By, rawEmail: string, rawReason: string) {
  if (by && !isPlatformAdmin(by)) throw forbidden();
  const email = normaliseEmail(rawEmail);
  const reason = checkedReason(rawReason);
  return db.transaction(async (tx) => {
    const user = await accountOf(tx, email);
    if (by && user.id === by.userId)
      throw new DomainError(
        'own_account',
        'Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur de la plateforme.',
        [{ field: 'email', message: 'Adresse électronique : c’est celle de votre propre compte.' }],
      );
    const admins = await repo.lockEnabledPlatformAdmins(tx);
    if (admins.length === 1 && admins[0] === user.id)
      throw new DomainError(
        'last_admin',
        'Ce compte est le dernier administrateur de la plateforme encore actif : créez-en d’abord un autre (npm run cli -- admin create), sinon plus personne ne pourrait administrer la plateforme.',
        [
          {
            field: 'email',
            message: 'Adresse électronique : dernier administrateur de la plateforme actif.',
          },
        ],
      );
    const disabledAt = await repo.disableUser(tx, user.id);
    if (!disabledAt) {
      const since = (await repo.findUserById(tx, user.id))?.disabledAt;
      throw new DomainError(
        'account_already_disabled',
        `Ce compte est déjà désactivé${since ? ` depuis le ${frenchInstant(since)}` : ''} : rien n’a changé.`,
        [{ field: 'email', message: 'Adresse électronique : compte déjà désactivé.' }],
      );
    }
    const endedSessions = await repo.deleteSessionsOf(tx, user.id);
    const spent = await repo.spendPasswordResets(tx, user.id);
    await withdrawResetMail(tx, spent);
    const spentResetLinks = spent.length;
    const withdrawn = await repo.withdrawInvitationsSentBy(tx, user.id);
    await withdrawInvitationMail(
      tx,
      withdrawn.map((inv) => inv.id),
    );
    for (const inv of withdrawn)
      await recordTeamChange(tx, teamOfInvitation(inv), {
        ...recordedBy(by),
        action: 'invitation.withdraw',
        objectType: 'invitation',
        objectId: inv.id,
        // The team reads why, not the platform's reason for the disabling (it may say more).
        summary: {
          email: inv.email,
          role: inv.role,
          ...(inv.organisationId ? { organisationId: inv.organisationId } : {}),
          invitedBy: user.id,
          reason: WITHDRAWN_WITH_SENDER,
        },
      });
    const withdrawnInvitations = withdrawn.length;
    await audit.record(tx, {
      ...recordedBy(by),
      funderId: null,
      action: 'account.disable',
      objectType: 'user',
      objectId: user.id,
      summary: { email, reason, endedSessions, spentResetLinks, withdrawnInvitations },
    });
    return {
      email,
      disabledAt: disabledAt.toISOString(),
      endedSessions,
      spentResetLinks,
      withdrawnInvitations,
    };
  });
}

export async function enableAccount(db: Db, by: By, rawEmail: string) {
  if (by && !isPlatformAdmin(by)) throw forbidden();
  const email = normaliseEmail(rawEmail);
  return db.transaction(async (tx) => {
    const user = await accountOf(tx, email);
    if (!(await repo.enableUser(tx, user.id)))
      throw new DomainError('account_already_enabled', 'Ce compte est déjà actif : rien n’a changé.', [
        { field: 'email', message: 'Adresse électronique : compte déjà actif.' },
      ]);
    await audit.record(tx, {
      ...recordedBy(by),
      funderId: null,
      action: 'account.enable',
      objectType: 'user',
      objectId: user.id,
      summary: { email },
    });
    return { email };
  });
}
