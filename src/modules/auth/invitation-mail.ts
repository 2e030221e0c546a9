import type { Queryable } from '../../db/client.js';
import * as notifications from '../notifications/service.js';

/** The outbox's key for an invitation's e-mail: one e-mail per invitation, found again by it. */
export const invitationMessageKey = (invitationId: string) => `invitation:${invitationId}`;

/**
 * An invitation withdrawn takes its e-mail with it when the e-mail has not left yet (the SMTP
 * server down, a backlog ahead of it): its link no longer works, and after « inviter à nouveau »
 * the person would get two e-mails of which one is dead. In the caller's transaction.
 */
export async function withdrawInvitationMail(tx: Queryable, invitationIds: string[]) {
  await notifications.withdraw(tx, invitationIds.map(invitationMessageKey));
}
