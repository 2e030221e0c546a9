import { createHash } from 'node:crypto';
import type { ProConnectConfig } from '../../config.js';
import type { ProConnectRefusal } from '../../core/proconnect.js';
import type { Db } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as auth from '../auth/service.js';
import * as client from './client.js';
import * as repo from './repo.js';

/** The state is kept as its hash: a stolen table row cannot finish someone's sign-in. */
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** How long a sign-in may stay at the provider before its state, verifier and nonce expire. */
export const SIGN_IN_MINUTES = 10;

/** A sign-in that opens no session; `code` names the French message the sign-in page shows. */
export class SignInRefused extends Error {
  constructor(
    readonly code: ProConnectRefusal,
    /** For the logs: what went wrong, without anything personal. */
    readonly reason?: string,
  ) {
    super(`ProConnect sign-in refused: ${code}${reason ? ` (${reason})` : ''}`);
    this.name = 'SignInRefused';
  }
}

/** Starts a sign-in: the provider's URL, and the state that the browser's cookie must bring back. */
export async function beginSignIn(
  db: Db,
  pc: ProConnectConfig,
  redirectUri: string,
  returnTo: string | undefined,
) {
  let request: client.AuthorizationRequest;
  try {
    request = await client.authorizationRequest(pc, redirectUri);
  } catch (e) {
    throw new SignInRefused('unavailable', errorName(e));
  }
  await repo.insertLogin(db, {
    stateHash: tokenHash(request.state),
    codeVerifier: request.codeVerifier,
    nonce: request.nonce,
    returnTo: returnTo ?? null,
    expiresAt: new Date(Date.now() + SIGN_IN_MINUTES * 60_000),
  });
  return { url: request.url, state: request.state };
}

/**
 * Finishes a sign-in from the provider's redirect. The state in the address must be the one
 * this browser's cookie holds (so nobody can sign a victim into their own account) and a live
 * sign-in, which is consumed here, once. Then openid-client checks the code with PKCE, the
 * ID token and its nonce, and the account is found by the verified e-mail.
 */
export async function completeSignIn(
  db: Db,
  pc: ProConnectConfig,
  input: { callbackUrl: URL; cookieState: string | undefined; ttlHours: number },
) {
  const state = input.callbackUrl.searchParams.get('state');
  if (!state || !input.cookieState || tokenHash(state) !== tokenHash(input.cookieState))
    throw new SignInRefused('expired', 'state does not match this browser');
  const login = await repo.takeLogin(db, tokenHash(state));
  if (!login) throw new SignInRefused('expired', 'unknown, used or expired state');
  const error = input.callbackUrl.searchParams.get('error');
  if (error) throw new SignInRefused(error === 'access_denied' ? 'cancelled' : 'failed', 'provider error');
  let identity: client.ProviderIdentity;
  try {
    identity = await client.identityFrom(pc, input.callbackUrl, {
      state,
      nonce: login.nonce,
      codeVerifier: login.codeVerifier,
    });
  } catch (e) {
    throw new SignInRefused(e instanceof TypeError ? 'unavailable' : 'failed', errorName(e));
  }
  try {
    const opened = await signInAs(db, identity, pc.emailsVerifiedByProvider, input.ttlHours);
    return { ...opened, returnTo: login.returnTo ?? undefined };
  } catch (e) {
    if (e instanceof SignInRefused) await recordRefusal(db, e.code, identity);
    throw e;
  }
}

/** The error's class and code, never its message: messages may quote tokens or claims. */
function errorName(e: unknown) {
  if (!(e instanceof Error)) return 'unknown error';
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? `${e.name} ${code}` : e.name;
}

/**
 * ProConnect does not send `email_verified` (its federation admits only identity providers
 * that answer for their agents' addresses): the operator says so with
 * PROCONNECT_EMAILS_VERIFIED. Any other provider must send `email_verified: true`.
 */
function emailIsVerified(identity: client.ProviderIdentity, vouchedByProvider: boolean) {
  if (identity.emailVerified === undefined) return vouchedByProvider;
  return identity.emailVerified;
}

/** The account behind the provider's verified e-mail, and a session for it (auth decides). */
async function signInAs(db: Db, identity: client.ProviderIdentity, vouched: boolean, ttlHours: number) {
  if (!identity.email) throw new SignInRefused('failed', 'no email claim');
  if (!emailIsVerified(identity, vouched)) throw new SignInRefused('email_not_verified');
  const opened = await auth.signInByVerifiedEmail(
    db,
    { email: identity.email, displayName: identity.displayName },
    { ttlHours, method: 'proconnect' },
  );
  if ('refused' in opened) throw new SignInRefused(opened.refused);
  return opened;
}

/** A refused sign-in of a verified identity is a security event: who tried, and why not. */
async function recordRefusal(db: Db, code: ProConnectRefusal, identity: client.ProviderIdentity) {
  const user = identity.email ? await auth.actorByEmail(db, identity.email) : undefined;
  await db.transaction((tx) =>
    audit.record(tx, {
      actor: null,
      actorLabel: 'ProConnect',
      funderId: null,
      action: 'auth.sign_in_failed',
      objectType: 'user',
      objectId: user?.userId ?? null,
      // The address only when it names an account: a stranger's e-mail is not kept.
      summary: { method: 'proconnect', reason: code, ...(user ? { email: user.email } : {}) },
    }),
  );
}
