import type { Queryable } from '../../db/client.js';
import * as notifications from '../notifications/service.js';

/*
 * The e-mails that carry a one-time link (an invitation, a password reset) are enqueued under a
 * key of their link, so that the change that makes the link useless also stops its e-mail when
 * it has not left yet (the SMTP server down, a backlog ahead of it): nobody receives a link that
 * no longer works, and after « inviter à nouveau » the person gets one e-mail, not a dead one
 * and a live one. Each in the caller's transaction.
 */

/** The outbox's key for an invitation's e-mail. */
export const invitationMessageKey = (invitationId: string) => `invitation:${invitationId}`;

/** The outbox's key for a reset link's e-mail: the link's row is known by its token's hash. */
export const resetMessageKey = (tokenHash: string) => `password_reset:${tokenHash}`;

/** Invitations withdrawn: by their team's admin, by inviting again, with the account that sent them. */
export async function withdrawInvitationMail(tx: Queryable, invitationIds: string[]) {
  await notifications.withdraw(tx, invitationIds.map(invitationMessageKey));
}

/**
 * An invitation accepted before its e-mail left (no SMTP yet, and the admin handed the link
 * shown on screen over; or ProConnect): the e-mail would open on « déjà acceptée ».
 */
export async function withdrawAcceptedInvitationMail(tx: Queryable, invitationId: string) {
  await notifications.withdraw(tx, [invitationMessageKey(invitationId)], 'accepted');
}

/** Reset links spent: the password set with one of them, or the account disabled. */
export async function withdrawResetMail(tx: Queryable, tokenHashes: string[]) {
  await notifications.withdraw(tx, tokenHashes.map(resetMessageKey));
}
