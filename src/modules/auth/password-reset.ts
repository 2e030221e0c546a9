import { DomainError } from '../../core/errors.js';
import type { Db, Queryable } from '../../db/client.js';
import * as rateWindows from '../../http/rate-windows.js';
import * as audit from '../audit/service.js';
import * as notifications from '../notifications/service.js';
import { resetMessageKey, withdrawResetMail } from './link-mail.js';
import { requireStrongPassword } from './password-strength.js';
import { hashPassword } from './passwords.js';
import * as repo from './repo.js';
import { normaliseEmail } from './sign-in.js';
import { newToken, requireWholeToken, tokenHash } from './tokens.js';

/** A reset link works for an hour, once. */
const RESET_TTL_MS = 3_600_000;
/** Links sent to one address per hour, and requests from one network address per hour. */
export const RESETS_PER_EMAIL_PER_HOUR = 3;
export const RESETS_PER_ADDRESS_PER_HOUR = 20;
const HOUR_MS = 3_600_000;

/**
 * Someone asks for a link to choose a new password. The answer is the same whether or not an
 * account has this address (nobody learns who has an account); the link goes by e-mail to the
 * account's address, so only its owner can use it. Past the limits per address and per e-mail
 * nothing more is sent, silently: the limit per e-mail keeps a mailbox from being flooded.
 */
export async function requestPasswordReset(db: Db, input: { email: string }, address: string): Promise<void> {
  const email = normaliseEmail(input.email);
  const emailKey = `password-reset email ${email}`;
  const windows = await rateWindows.hit(db, [emailKey, `password-reset address ${address}`], HOUR_MS);
  const over = windows.some(
    (w) => w.hits > (w.key === emailKey ? RESETS_PER_EMAIL_PER_HOUR : RESETS_PER_ADDRESS_PER_HOUR),
  );
  if (over) return;
  const user = await repo.findUserByEmail(db, email);
  if (!user || user.disabledAt) return;
  const token = newToken();
  const hash = tokenHash(token);
  await db.transaction(async (tx) => {
    await repo.insertPasswordReset(tx, { tokenHash: hash, userId: user.id, ttlMs: RESET_TTL_MS });
    await notifications.enqueue(tx, {
      to: user.email,
      template: 'password_reset',
      dedupeKey: resetMessageKey(hash),
      sendBefore: new Date(Date.now() + RESET_TTL_MS),
      params: { displayName: user.displayName, token },
    });
    await audit.record(tx, {
      actor: null,
      actorLabel: user.email,
      funderId: null,
      action: 'auth.password_reset_request',
      objectType: 'user',
      objectId: user.id,
      summary: {},
    });
  });
}

/**
 * A reset link prepared on the server's command line (`password link`), for a server that sends
 * no e-mail: the person who runs it hands the link over to the account's owner, whom they know.
 * It has the database already; the link gives it nothing more. Audited as the command line's.
 * Returns the token, or null when no enabled account has the address.
 */
export async function passwordLinkFor(db: Db, input: { email: string }): Promise<string | null> {
  const user = await repo.findUserByEmail(db, normaliseEmail(input.email));
  if (!user || user.disabledAt) return null;
  const token = newToken();
  await db.transaction(async (tx) => {
    await repo.insertPasswordReset(tx, { tokenHash: tokenHash(token), userId: user.id, ttlMs: RESET_TTL_MS });
    await audit.record(tx, {
      actor: null,
      actorLabel: 'ligne de commande',
      funderId: null,
      action: 'auth.password_reset_link',
      objectType: 'user',
      objectId: user.id,
      summary: { email: user.email },
    });
  });
  return token;
}

/**
 * A reset link that its owner's team admin prepares, to hand over in person (members.ts): the
 * account's earlier links still unused are spent first, and their e-mails withdrawn if they
 * have not left, so that one link works at a time and an old one lying in a mailbox or a chat
 * stops working. The same link as the e-mailed one (an hour, once). In the caller's transaction;
 * the token is returned once, only its hash is kept.
 */
export async function replaceResetLinks(
  tx: Queryable,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  await withdrawResetMail(tx, await repo.spendPasswordResets(tx, userId));
  const token = newToken();
  const expiresAt = await repo.insertPasswordReset(tx, {
    tokenHash: tokenHash(token),
    userId,
    ttlMs: RESET_TTL_MS,
  });
  return { token, expiresAt };
}

const linkInvalid = () =>
  new DomainError(
    'password_reset_invalid',
    'Ce lien de réinitialisation a expiré ou a déjà servi : demandez-en un nouveau depuis la page de connexion.',
  );

/**
 * Refuses a link that can no longer be used, as the confirmation would: the page says so on
 * opening, rather than once the person has typed a new password twice. Changes nothing.
 */
export async function checkPasswordReset(db: Db, token: string): Promise<void> {
  requireWholeToken(token);
  const found = await repo.findLivePasswordReset(db, tokenHash(token));
  if (!found || found.user.disabledAt) throw linkInvalid();
}

/**
 * The new password, with the link's token: checked by the same rules as any password, then the
 * link (and every other of the account) is spent, every session of the account ends, and its
 * sign-in locks are lifted, from every address: a lock guards against guessing, and whoever
 * holds the e-mailed link is not guessing (the lock's message sends the person here).
 */
export async function confirmPasswordReset(
  db: Db,
  input: { token: string; password: string },
): Promise<void> {
  requireWholeToken(input.token);
  const found = await repo.findLivePasswordReset(db, tokenHash(input.token));
  if (!found || found.user.disabledAt) throw linkInvalid();
  const { user } = found;
  await requireStrongPassword(input.password, [user.email, user.displayName], 'password');
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    // Locked now: of two uses at once, the second finds it spent.
    if (!(await repo.findLivePasswordReset(tx, tokenHash(input.token)))) throw linkInvalid();
    await repo.setPasswordHash(tx, user.id, passwordHash);
    await withdrawResetMail(tx, await repo.spendPasswordResets(tx, user.id));
    const ended = await repo.deleteSessionsOf(tx, user.id);
    await repo.clearLoginFailures(tx, user.id);
    await audit.record(tx, {
      actor: { userId: user.id, email: user.email, memberships: [] },
      funderId: null,
      action: 'auth.password_reset',
      objectType: 'user',
      objectId: user.id,
      summary: { endedSessions: ended },
    });
  });
}
