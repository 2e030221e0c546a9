import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { ProConnectConfig } from '../config.js';

/**
 * A real OpenID provider (`oidc-provider`, the certified implementation) on a free local
 * port, for the ProConnect sign-in tests. Its accounts are the `accounts` map: the login
 * typed at its (development) login form is the account id. Like ProConnect, it serves the
 * `given_name`, `usual_name` and `siret` scopes and signs userinfo as a JWT.
 */
export interface TestProvider {
  issuer: string;
  /** The app's settings for this provider. */
  proconnect: ProConnectConfig;
  close(): Promise<void>;
}

export interface TestAccount {
  email: string;
  email_verified?: boolean;
  given_name?: string;
  usual_name?: string;
  siret?: string;
}

export async function startTestProvider(
  redirectUri: string,
  accounts: Record<string, TestAccount>,
): Promise<TestProvider> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'pass-numerique-test';
  const clientSecret = 'a-client-secret-long-enough-for-the-test-provider';
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        userinfo_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', kid: 'test' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      siret: ['siret'],
    },
    scopes: ['openid', 'email', 'given_name', 'usual_name', 'siret'],
    features: { devInteractions: { enabled: true }, jwtUserinfo: { enabled: true } },
    // The levels of assurance ProConnect names; the development login grants none of them.
    acrValues: ['eidas1', 'eidas2'],
    pkce: { required: () => true },
    // Set, so that the provider does not print a notice for each default it falls back on.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
  });
  // The development interactions warn on the console at every start: they are the point here.
  handler = provider.callback();
  return {
    issuer,
    proconnect: {
      issuer,
      clientId,
      clientSecret,
      scopes: 'openid email given_name usual_name siret',
      acrValues: undefined,
      emailsVerifiedByProvider: false,
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** A browser's cookies for one host, enough for the provider's interaction cookies. */
class CookieJar {
  private cookies = new Map<string, string>();
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

/**
 * Plays the person at the provider, from the authorization URL the app redirected to:
 * signs in as `login` at the login form, grants consent, and returns the URL the provider
 * sends the browser back to (the app's callback, with `code` and `state`).
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let init: RequestInit = { method: 'GET' };
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== url.origin) return next; // back to the app
      url = next;
      init = { method: 'GET' };
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (res.status !== 200 || !prompt)
      throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', login);
      form.set('password', 'any');
    }
    init = {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('the provider never sent the browser back');
}
