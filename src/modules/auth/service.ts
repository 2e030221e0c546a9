import { conflict, DomainError, forbidden, invalid, notFound } from '../../core/errors.js';
import { type Actor, can, type Role, requireFunder } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import type { CreateFunderInput } from '../funders/schemas.js';
import * as funders from '../funders/service.js';
import { burnDecoy, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import * as repo from './repo.js';
import { newToken, tokenHash } from './tokens.js';

const LOCK_AFTER_FAILURES = 10;
const LOCK_MINUTES = 15;
const INVITATION_DAYS = 14;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface SessionView {
  user: { id: string; email: string; displayName: string };
  memberships: repo.MembershipView[];
  csrfToken: string;
}

const badCredentials = () =>
  new DomainError(401, 'invalid_credentials', 'Adresse électronique ou mot de passe incorrect.');

export async function openSession(
  db: Queryable,
  user: { id: string; email: string; displayName: string },
  ttlHours: number,
) {
  const token = newToken();
  const csrfToken = newToken();
  await repo.insertSession(db, {
    tokenHash: tokenHash(token),
    userId: user.id,
    csrfToken,
    expiresAt: new Date(Date.now() + ttlHours * 3_600_000),
  });
  const memberships = await repo.membershipsOf(db, user.id);
  const session: SessionView = {
    user: { id: user.id, email: user.email, displayName: user.displayName },
    memberships,
    csrfToken,
  };
  return { token, session };
}

export async function login(db: Db, email: string, password: string, ttlHours: number) {
  const user = await repo.findUserByEmail(db, normaliseEmail(email));
  if (!user || user.disabledAt) {
    await burnDecoy(password);
    throw badCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    throw new DomainError(
      429,
      'account_locked',
      'Trop de tentatives de connexion échouées : ce compte est bloqué pendant 15 minutes.',
    );
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await repo.recordLoginFailure(db, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
    throw badCredentials();
  }
  return db.transaction(async (tx) => {
    await repo.resetLoginFailures(tx, user.id);
    return openSession(tx, user, ttlHours);
  });
}

export async function logout(db: Db, token: string) {
  await repo.deleteSession(db, tokenHash(token));
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
    user: { id: live.userId, email: live.email, displayName: live.displayName },
    memberships,
    csrfToken: live.csrfToken,
  };
  return { actor, session };
}

function checkPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid([
      {
        field: 'password',
        message: `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`,
      },
    ]);
  }
}

/** Used by the command line: the first account of an instance. */
export async function createPlatformAdmin(
  db: Db,
  input: { email: string; displayName: string; password: string },
) {
  checkPassword(input.password);
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx) => {
    if (await repo.findUserByEmail(tx, email))
      throw conflict('email_taken', 'Un compte existe déjà avec cette adresse.');
    const user = await repo.insertUser(tx, {
      email,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
    });
    await repo.insertMembership(tx, {
      userId: user.id,
      role: 'platform_admin',
      funderId: null,
      organisationId: null,
    });
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
    const row = await funders.insert(tx, actor, input);
    const { token } = await invite(tx, actor, {
      funderId: row.id,
      email: input.firstAdminEmail,
      role: 'funder_admin',
    });
    return { funder: funders.present(row), token };
  });
}

/**
 * Invites someone to a funder with a role. Returns the one-time token for the link;
 * only its hash is kept, so a database leak does not leak usable links.
 */
export async function invite(tx: Queryable, actor: Actor | null, input: InvitationInput) {
  if (actor) requireFunder(actor, 'user:invite', input.funderId, 'Financeur');
  const kind = ORGANISATION_KIND[input.role];
  if (kind) {
    const org = input.organisationId
      ? await funders.findOrganisation(tx, input.funderId, input.organisationId)
      : null;
    if (!org || org.kind !== kind) {
      throw invalid([
        { field: 'organisationId', message: 'Choisissez une structure de ce financeur adaptée à ce rôle.' },
      ]);
    }
  }
  const token = newToken();
  const row = await repo.insertInvitation(tx, {
    funderId: input.funderId,
    email: normaliseEmail(input.email),
    role: input.role,
    organisationId: kind ? (input.organisationId ?? null) : null,
    tokenHash: tokenHash(token),
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    createdBy: actor?.userId ?? null,
  });
  await audit.record(tx, {
    actor,
    funderId: input.funderId,
    action: 'invitation.create',
    objectType: 'invitation',
    objectId: row.id,
    summary: { email: row.email, role: row.role },
  });
  return { token, invitation: row };
}

export async function getInvitation(db: Db, token: string) {
  const found = await repo.findPendingInvitation(db, tokenHash(token));
  if (!found) throw notFound('Invitation (lien expiré ou déjà utilisé)');
  return { email: found.invitation.email, role: found.invitation.role as Role, funderName: found.funderName };
}

/** Accepting creates the account (or, for an existing one, checks its password) and signs in. */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { displayName: string; password: string },
  ttlHours: number,
) {
  return db.transaction(async (tx) => {
    const found = await repo.findPendingInvitation(tx, tokenHash(token), true);
    if (!found) throw notFound('Invitation (lien expiré ou déjà utilisé)');
    const inv = found.invitation;
    let user = await repo.findUserByEmail(tx, inv.email);
    if (user) {
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        throw invalid([
          { field: 'password', message: 'Ce compte existe déjà : saisissez son mot de passe actuel.' },
        ]);
      }
    } else {
      checkPassword(input.password);
      user = await repo.insertUser(tx, {
        email: inv.email,
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
      });
    }
    await repo.insertMembership(tx, {
      userId: user.id,
      role: inv.role as Role,
      funderId: inv.funderId,
      organisationId: inv.organisationId,
    });
    await repo.markInvitationAccepted(tx, inv.id);
    await audit.record(tx, {
      actor: { userId: user.id, email: user.email, memberships: [] },
      funderId: inv.funderId,
      action: 'invitation.accept',
      objectType: 'invitation',
      objectId: inv.id,
      summary: { email: inv.email, role: inv.role },
    });
    return openSession(tx, user, ttlHours);
  });
}
