import { DomainError, invalid } from '../../core/errors.js';
import { type Actor, PLACE_ROLES, type Role } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import { FailureLimiter, ShutOut } from '../../http/failure-limiter.js';
import * as audit from '../audit/service.js';
import { withdrawAcceptedInvitationMail } from './link-mail.js';
import { requireStrongPassword } from './password-strength.js';
import { burnDecoy, hashPassword, verifyPassword } from './passwords.js';
import * as repo from './repo.js';
import { newToken, tokenHash } from './tokens.js';

/*
 * Signing in, out, and changing one's password. Failed passwords are counted per account AND
 * client address: after LOCK_AFTER_FAILURES the account is locked from that address for
 * LOCK_MINUTES, so that a stranger cannot shut an agent out of every place; the count starts
 * again when the lock ends. Failed sign-ins are also limited per address (SIGN_IN_FAILURES a
 * minute, whatever the accounts), which bounds guessing across accounts; sign-ins that work do
 * not count, so that the agents of one office, behind one address, all get in in the morning.
 * Every outcome is in the audit trail, with no funder: an account may work for several.
 */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const SIGN_IN_FAILURES = 10;
const SIGN_IN_FAILURE_WINDOW_MS = 60_000;

/** Failed sign-ins per address, one counter per server (http/failure-limiter.ts). */
export const signInFailureLimiter = () =>
  new FailureLimiter('failed sign-in', SIGN_IN_FAILURES, SIGN_IN_FAILURE_WINDOW_MS);

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface SessionView {
  /** `hasPassword`: false for an account made at a ProConnect sign-in until a password is chosen. */
  user: { id: string; email: string; displayName: string; hasPassword: boolean };
  memberships: repo.MembershipView[];
  csrfToken: string;
}

/** Where a request comes from: its client address, stored and audited only as a keyed hash. */
export const sourceOf = (address: string) => audit.keyedSource('login', address);
/** Enough of the hash to tell sources apart in the trail, not enough to name the address. */
const sourceLabel = (sourceHash: string) => sourceHash.slice(0, 16);

/** One answer for an unknown e-mail, a wrong password, a disabled or a locked account. */
// Said to every refusal alike (an unknown address, a wrong password, a lock), so the lock is
// told as a rule, not as a fact about this account: a person refused with the right password
// learns why and for how long, and a guesser learns nothing of the account. The lock holds
// for the network address: « cette adresse » was read as the e-mail address.
const badCredentials = () =>
  new DomainError(
    'invalid_credentials',
    `Adresse électronique ou mot de passe incorrect. Après ${LOCK_AFTER_FAILURES} essais manqués, le compte ne s’ouvre plus depuis cet appareil ou ce réseau pendant ${LOCK_MINUTES} minutes, même avec le bon mot de passe : patientez, ou demandez un nouveau mot de passe.`,
  );

const ANONYMOUS = 'anonyme';

export type SignInMethod = 'password' | 'invitation' | 'proconnect' | 'registration';

/**
 * Opens a session for an account that has proven who it is, and records the sign-in in the
 * audit trail, in one transaction. Every way in (password, invitation, single sign-on) ends here.
 */
export async function openSessionFor(
  db: Queryable,
  user: { id: string; email: string; displayName: string; passwordSet: boolean },
  options: { ttlHours: number; method: SignInMethod; address?: string },
): Promise<{ token: string; session: SessionView }> {
  return db.transaction(async (tx) => {
    const token = newToken();
    const csrfToken = newToken();
    await repo.insertSession(tx, {
      tokenHash: tokenHash(token),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(Date.now() + options.ttlHours * 3_600_000),
    });
    const memberships = await repo.membershipsOf(tx, user.id);
    await audit.record(tx, {
      actor: { userId: user.id, email: user.email, memberships },
      funderId: null,
      action: 'auth.sign_in',
      objectType: 'user',
      objectId: user.id,
      summary: {
        method: options.method,
        ...(options.address === undefined ? {} : { source: sourceLabel(sourceOf(options.address)) }),
      },
    });
    const session: SessionView = {
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        hasPassword: user.passwordSet,
      },
      memberships,
      csrfToken,
    };
    return { token, session };
  });
}

async function recordFailure(
  db: Db,
  userId: string | null,
  source: string,
  reason: 'unknown_account' | 'disabled' | 'locked' | 'wrong_password',
) {
  await db.transaction(async (tx) => {
    const failures =
      reason === 'wrong_password' && userId
        ? await repo.recordLoginFailure(tx, userId, source, LOCK_AFTER_FAILURES, LOCK_MINUTES)
        : undefined;
    const summary = { reason, source: sourceLabel(source), ...(failures ? { failures } : {}) };
    await audit.record(tx, {
      actor: null,
      actorLabel: ANONYMOUS,
      funderId: null,
      action: 'auth.sign_in_failed',
      objectType: 'user',
      objectId: userId,
      summary,
    });
    if (failures === LOCK_AFTER_FAILURES) {
      await audit.record(tx, {
        actor: null,
        actorLabel: ANONYMOUS,
        funderId: null,
        action: 'auth.lock',
        objectType: 'user',
        objectId: userId,
        summary: { source: sourceLabel(source), minutes: LOCK_MINUTES },
      });
    }
  });
}

/**
 * Signs in with e-mail and password from a client address. Every refusal costs one password
 * verification and answers alike, so that it tells neither whether the account exists nor
 * whether it is locked.
 */
export async function login(
  db: Db,
  input: { email: string; password: string },
  options: { ttlHours: number; address: string; failures: FailureLimiter },
) {
  try {
    return await options.failures.run(
      db,
      [`ip:${options.address}`],
      () => checkPassword(db, input, options),
      (error) => error instanceof DomainError && error.code === 'invalid_credentials',
    );
  } catch (error) {
    if (!(error instanceof ShutOut)) throw error;
    throw new DomainError(
      'rate_limited',
      'Trop de connexions ont échoué depuis cet appareil ou ce réseau : patientez une minute avant de réessayer.',
      [],
      { retryAfterS: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) },
    );
  }
}

async function checkPassword(
  db: Db,
  input: { email: string; password: string },
  options: { ttlHours: number; address: string },
) {
  const source = sourceOf(options.address);
  const user = await repo.findUserByEmail(db, normaliseEmail(input.email));
  if (!user || user.disabledAt) {
    await burnDecoy(input.password);
    await recordFailure(db, user?.id ?? null, source, user ? 'disabled' : 'unknown_account');
    throw badCredentials();
  }
  const locked = await repo.isLockedFrom(db, user.id, source);
  const passwordHolds = await verifyPassword(user.passwordHash, input.password);
  if (locked || !passwordHolds) {
    await recordFailure(db, user.id, source, locked ? 'locked' : 'wrong_password');
    throw badCredentials();
  }
  await repo.clearLoginFailures(db, user.id, source);
  return openSessionFor(db, user, {
    ttlHours: options.ttlHours,
    method: 'password',
    address: options.address,
  });
}

/**
 * Ends the session of this cookie token, whatever else the request carries: a sign-out that
 * could be refused (a stale CSRF token, say) would leave a session alive that its owner
 * believes closed. Forcing someone out is all a forged sign-out can do.
 */
export async function logout(db: Db, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const userId = await repo.deleteSession(tx, tokenHash(token));
    if (!userId) return;
    const user = await repo.findUserById(tx, userId);
    await audit.record(tx, {
      // Whoever holds the session's cookie: its owner, or a page that forged the sign-out.
      actor: user ? { userId, email: user.email, memberships: [] } : null,
      funderId: null,
      action: 'auth.sign_out',
      objectType: 'user',
      objectId: userId,
      summary: {},
    });
  });
}

/**
 * A signed-in agent changes its password: the current one is required (and a wrong one
 * counts towards the lock like a failed sign-in), the new one must be strong, and every other
 * session of the account ends, so that whoever knew the old password is out.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  sessionToken: string,
  input: { currentPassword: string; newPassword: string },
  address: string,
): Promise<void> {
  const source = sourceOf(address);
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw badCredentials();
  const locked = await repo.isLockedFrom(db, user.id, source);
  if (locked || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordFailure(db, user.id, source, locked ? 'locked' : 'wrong_password');
    throw invalid([{ field: 'currentPassword', message: 'Le mot de passe actuel est incorrect.' }]);
  }
  await requireStrongPassword(input.newPassword, [user.email, user.displayName], 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await repo.setPasswordHash(tx, user.id, passwordHash);
    const ended = await repo.deleteOtherSessions(tx, user.id, tokenHash(sessionToken));
    await repo.clearLoginFailures(tx, user.id, source);
    await audit.record(tx, {
      actor,
      funderId: null,
      action: 'auth.password_change',
      objectType: 'user',
      objectId: user.id,
      summary: { endedSessions: ended },
    });
  });
}

/**
 * A signed-in person proves it is them before a change an account takeover would make first
 * (where a place's money is paid): its password, as at sign-in. A wrong one counts towards the
 * lock like a failed sign-in, so that a stolen session cannot guess it at leisure. Checked outside
 * the change's transaction: the failure is recorded even though the change is refused.
 */
export async function confirmPassword(
  db: Db,
  actor: Actor,
  password: string,
  address: string,
): Promise<void> {
  const source = sourceOf(address);
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw badCredentials();
  // Nothing the person could type is right: not a guess, so not counted; the way to a password.
  if (!user.passwordSet) throw passwordNotSet();
  const locked = await repo.isLockedFrom(db, user.id, source);
  if (locked || !(await verifyPassword(user.passwordHash, password))) {
    await recordFailure(db, user.id, source, locked ? 'locked' : 'wrong_password');
    throw invalid([
      {
        field: 'currentPassword',
        message: locked
          ? `Mot de passe : après ${LOCK_AFTER_FAILURES} essais manqués, il n’est plus vérifié depuis cet appareil ou ce réseau pendant ${LOCK_MINUTES} minutes ; patientez.`
          : 'Mot de passe incorrect : saisissez celui avec lequel vous vous connectez.',
      },
    ]);
  }
  await repo.clearLoginFailures(db, user.id, source);
}

/**
 * An account made at a ProConnect sign-in has no password the person knows: the check stays
 * (a stolen session must not divert payments), and the person learns how to choose one.
 */
const passwordNotSet = () =>
  new DomainError(
    'password_not_set',
    'Votre compte n’a pas de mot de passe : vous vous connectez avec ProConnect. Pour cette modification, choisissez-en un d’abord : sur la page de connexion, « Mot de passe oublié » vous envoie par courriel un lien pour le définir ; connectez-vous ensuite de nouveau et saisissez-le ici.',
  );

/** Forgets failures that no longer count (the hourly job). */
export const purgeLoginFailures = (db: Queryable) => repo.purgeLoginFailures(db, LOCK_MINUTES);

/** Why an identity proven elsewhere opens no session (the sign-in page explains each). */
export type VerifiedEmailRefusal = 'account_disabled' | 'unknown_account' | 'password_required';

/**
 * The account behind an e-mail that an identity provider verified (ProConnect), and a session
 * for it. An e-mail with pending invitations accepts them (the provider proved the address, as
 * the invitation link would have); an e-mail with neither account nor invitation is refused:
 * nothing is created with rights nobody granted. Platform admins keep their password and its
 * lockout: rights over every funder are not handed to another service's word.
 */
export async function signInByVerifiedEmail(
  db: Db,
  identity: { email: string; displayName?: string | undefined },
  options: { ttlHours: number; method: SignInMethod },
): Promise<{ refused: VerifiedEmailRefusal } | { token: string; session: SessionView }> {
  const email = normaliseEmail(identity.email);
  return db.transaction(async (tx) => {
    let user = await repo.findUserByEmail(tx, email);
    if (user?.disabledAt) return { refused: 'account_disabled' as const };
    const invitations = await repo.pendingInvitationsFor(tx, email);
    if (!user && invitations.length === 0) return { refused: 'unknown_account' as const };
    if (user && (await repo.membershipsOf(tx, user.id)).some((m) => m.role === 'platform_admin'))
      return { refused: 'password_required' as const };
    if (!user) {
      user = await repo.insertUser(tx, {
        email,
        displayName: identity.displayName ?? email,
        // No password is ever told to anyone: this account signs in through its provider,
        // until the person chooses one with a reset link (what asks for it says how).
        passwordHash: await hashPassword(newToken()),
        passwordSet: false,
      });
    }
    const actor: Actor = { userId: user.id, email: user.email, memberships: [] };
    for (const inv of invitations) await acceptByProvider(tx, actor, inv, options.method);
    return openSessionFor(tx, user, options);
  });
}

/**
 * The membership an invitation gives. A place belongs to no funder: its people are members of
 * the place alone, whichever funder (or its own admin) invited them; the funders it works with
 * come from its roster.
 */
export function membershipOf(
  userId: string,
  inv: { role: string; funderId: string | null; organisationId: string | null },
) {
  const role = inv.role as Role;
  return {
    userId,
    role,
    funderId: PLACE_ROLES.includes(role) ? null : inv.funderId,
    organisationId: inv.organisationId,
  };
}

async function acceptByProvider(
  tx: Queryable,
  actor: Actor,
  inv: Awaited<ReturnType<typeof repo.pendingInvitationsFor>>[number],
  method: SignInMethod,
) {
  await repo.insertMembership(tx, membershipOf(actor.userId, inv));
  await repo.markInvitationAccepted(tx, inv.id);
  await withdrawAcceptedInvitationMail(tx, inv.id);
  await audit.record(tx, {
    actor,
    funderId: inv.funderId,
    action: 'invitation.accept',
    objectType: 'invitation',
    objectId: inv.id,
    summary: { email: inv.email, role: inv.role, method },
  });
}
