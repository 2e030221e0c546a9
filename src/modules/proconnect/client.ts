import * as client from 'openid-client';
import type { ProConnectConfig } from '../../config.js';

/**
 * The OpenID Connect side of ProConnect, with `openid-client`: discovery, the authorization
 * request (code flow with PKCE, state and nonce) and the checked answer. No database here.
 */

/** What the provider says about the person, once the code, the ID token and userinfo are checked. */
export interface ProviderIdentity {
  subject: string;
  email: string | undefined;
  /** `true` or `false` when the provider says so, `undefined` when it sends no such claim. */
  emailVerified: boolean | undefined;
  displayName: string | undefined;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const discovered = new Map<string, Promise<client.Configuration>>();

/**
 * The provider's metadata, read once per process. A failed discovery is forgotten so that
 * the next sign-in tries again (the provider may just have been down).
 */
export function providerConfiguration(pc: ProConnectConfig): Promise<client.Configuration> {
  const key = `${pc.issuer} ${pc.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(pc.issuer);
    // Plain http only for a provider on this machine (the tests' own); anything else is https.
    const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
    found = client.discovery(issuer, pc.clientId, pc.clientSecret, undefined, {
      execute: insecure ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
    discovered.set(key, found);
    found.catch(() => discovered.delete(key));
  }
  return found;
}

/** The provider authenticated the person at a lower level than PROCONNECT_ACR_VALUES asks. */
export class AcrNotMet extends Error {
  override name = 'AcrNotMet';
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A fresh request: new PKCE verifier, state and nonce every time. */
export async function authorizationRequest(
  pc: ProConnectConfig,
  redirectUri: string,
): Promise<AuthorizationRequest> {
  const config = await providerConfiguration(pc);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: pc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (pc.acrValues) parameters.acr_values = pc.acrValues;
  return { url: client.buildAuthorizationUrl(config, parameters), state, nonce, codeVerifier };
}

/**
 * Exchanges the code (PKCE) and checks the answer: state, issuer, ID token signature,
 * audience and nonce (openid-client), then reads userinfo for the same subject.
 * ProConnect puts the e-mail and names in userinfo (a signed JWT), not in the ID token.
 */
export async function identityFrom(
  pc: ProConnectConfig,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<ProviderIdentity> {
  const config = await providerConfiguration(pc);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims()!;
  // Asking for a level of assurance means nothing unless the answer is checked to meet it.
  if (pc.acrValues && !pc.acrValues.split(' ').includes(String(idToken.acr))) throw new AcrNotMet();
  const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
  const claim = (name: string) => info[name] ?? idToken[name];
  const verified = claim('email_verified');
  const names = [claim('given_name'), claim('usual_name') ?? claim('family_name')].filter(
    (n): n is string => typeof n === 'string' && n.trim() !== '',
  );
  return {
    subject: idToken.sub,
    email: typeof claim('email') === 'string' ? (claim('email') as string) : undefined,
    // Only a JSON `true` verifies; any other value present (even the text "true") does not.
    emailVerified: verified === undefined ? undefined : verified === true,
    displayName: names.length ? names.join(' ').trim().slice(0, 120) : undefined,
  };
}
