import type { Role } from '../core/permissions.js';
import * as auth from '../modules/auth/service.js';
import * as signIn from '../modules/auth/sign-in.js';
import type { Client, TestApp } from './app.js';

/** Strong enough for any password rule: tests are not about passwords. */
export const TEST_PASSWORD = 'Quartz-Lantern-Velvet-2026!';

/** A client on a session opened by the services, as the web app would hold it. */
export function clientOf(
  t: TestApp,
  token: string,
  session: Client['session'] & { csrfToken: string },
): Client {
  return {
    cookie: token,
    csrfToken: session.csrfToken,
    session,
    request: (method, url, payload) =>
      t.app.inject({
        method,
        url,
        payload: payload as never,
        cookies: { pn_session: token },
        headers: method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken },
      }),
  };
}

/**
 * A new account with one membership, invited and accepted through the services (not the
 * sign-in route, whose limit per address a test with many accounts would reach).
 */
export async function newAccount(
  t: TestApp,
  input: { funderId: string; email: string; role: Exclude<Role, 'platform_admin'>; organisationId?: string },
): Promise<Client> {
  const { token: invitation } = await t.database.db.transaction((tx) => auth.invite(tx, null, input));
  const { token, session } = await auth.acceptInvitation(
    t.database.db,
    invitation,
    { displayName: input.email.split('@')[0]!, password: TEST_PASSWORD },
    { ttlHours: 1 },
  );
  return clientOf(t, token, session);
}

/** A fresh session of an existing account, opened by the services (a limiter of its own, no request limit). */
export async function sessionOf(t: TestApp, email: string, password: string): Promise<Client> {
  const { token, session } = await signIn.login(
    t.database.db,
    { email, password },
    { ttlHours: 1, address: '127.0.0.1', failures: signIn.signInFailureLimiter() },
  );
  return clientOf(t, token, session);
}
