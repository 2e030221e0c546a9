import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCONNECT_REFUSALS } from '../../core/proconnect.js';
import { auditEntries, notificationOutbox, users } from '../../db/schema/index.js';
import { afterAnswerFor } from '../../http/after-answer.js';
import { buildServer } from '../../server.js';
import { TEST_PASSWORD } from '../../test/accounts.js';
import { signIn, startTestApp, type TestApp, testConfig } from '../../test/app.js';
import { signInAtProvider, startTestProvider, type TestProvider } from '../../test/oidc-provider.js';

const CALLBACK = 'http://localhost:3000/api/v1/auth/proconnect/callback';

// The people known to the provider, by the login they type at its sign-in form.
const ACCOUNTS = {
  agent: {
    email: 'Prescripteur@HautsDeFrance.test',
    email_verified: true,
    given_name: 'Inès',
    usual_name: 'Roux',
  },
  unverified: { email: 'financeur@hautsdefrance.test', email_verified: false },
  silent: { email: 'lecteur@hautsdefrance.test' },
  stranger: { email: 'inconnu@exemple.test', email_verified: true },
  invited: {
    email: 'nadia.benali@hautsdefrance.test',
    email_verified: true,
    given_name: 'Nadia',
    usual_name: 'Benali',
  },
  admin: { email: 'admin@pass-numerique.test', email_verified: true },
  volunteer: {
    email: 'sami.roche@hautsdefrance.test',
    email_verified: true,
    given_name: 'Sami',
    usual_name: 'Roche',
  },
  treasurer: {
    email: 'lea.marchand@hautsdefrance.test',
    email_verified: true,
    given_name: 'Léa',
    usual_name: 'Marchand',
  },
};

let provider: TestProvider;
let t: TestApp;
beforeAll(async () => {
  provider = await startTestProvider(CALLBACK, ACCOUNTS);
  t = await startTestApp({ demo: true, config: { proconnect: provider.proconnect } });
});
afterAll(async () => {
  await t.close();
  await provider.close();
});

/** The browser clicks "S'identifier avec ProConnect": the app sends it to the provider. */
async function startSignIn(query = '') {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/auth/proconnect/login${query}` });
  expect(res.statusCode).toBe(303);
  const flow = res.cookies.find((c) => c.name === 'pn_proconnect');
  expect(flow).toBeDefined();
  return { authorizationUrl: new URL(res.headers.location as string), flowCookie: flow!, res };
}

/** The provider sends the browser back to the app's callback, with this browser's cookie. */
const callback = (url: URL, flowCookie: string | undefined) =>
  t.app.inject({
    method: 'GET',
    url: url.pathname + url.search,
    cookies: flowCookie ? { pn_proconnect: flowCookie } : {},
  });

async function signInWithProConnect(login: keyof typeof ACCOUNTS) {
  const { authorizationUrl, flowCookie } = await startSignIn();
  const back = await signInAtProvider(authorizationUrl.href, login);
  return { back, flowCookie: flowCookie.value, res: await callback(back, flowCookie.value) };
}

const sessionCookie = (res: LightMyRequestResponse) =>
  res.cookies.find((c) => c.name === 'pn_session' && c.value !== '');

function expectRefused(res: LightMyRequestResponse, code: keyof typeof PROCONNECT_REFUSALS) {
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe(`/connexion?proconnect=${code}`);
  expect(sessionCookie(res)).toBeUndefined();
}

const me = (cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { pn_session: cookie } });

describe('sign-in with ProConnect against a real OpenID provider', () => {
  it('says it is offered, and sends the browser to the provider with PKCE, state and nonce', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/proconnect' })).json()).toEqual({
      enabled: true,
    });
    const { authorizationUrl: url, flowCookie } = await startSignIn();
    expect(url.origin).toBe(provider.issuer);
    const p = url.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(provider.proconnect.clientId);
    expect(p.get('redirect_uri')).toBe(CALLBACK);
    expect(p.get('scope')).toBe('openid email given_name usual_name siret');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{32,}$/);
    expect(p.get('state')).toMatch(/^[\w-]{32,}$/);
    // The state comes back only with this browser: it is in an HttpOnly cookie, for ten minutes.
    expect(flowCookie.value).toBe(p.get('state'));
    expect(flowCookie.httpOnly).toBe(true);
    expect(flowCookie.sameSite).toBe('Lax');
    expect(flowCookie.path).toBe('/api/v1/auth/proconnect');
    expect(flowCookie.maxAge).toBe(600);
    // A fresh verifier, state and nonce each time.
    const again = (await startSignIn()).authorizationUrl.searchParams;
    for (const name of ['state', 'nonce', 'code_challenge']) expect(again.get(name)).not.toBe(p.get(name));
  });

  it('signs an existing agent in by their verified e-mail, with a session like a password sign-in', async () => {
    const { res } = await signInWithProConnect('agent');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = sessionCookie(res)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    // The flow's cookie is spent.
    expect(res.cookies.find((c) => c.name === 'pn_proconnect')?.value).toBe('');
    const session = await me(cookie.value);
    expect(session.statusCode).toBe(200);
    expect(session.json().user.email).toBe('prescripteur@hautsdefrance.test');
    expect(session.json().memberships).toEqual([
      expect.objectContaining({ role: 'prescriber_agent', funderName: 'Région Hauts-de-France' }),
    ]);
    // An authenticated route answers, and a change goes through with the session's CSRF token.
    const client = { cookie: cookie.value, csrf: session.json().csrfToken as string };
    const funders = await t.app.inject({
      method: 'GET',
      url: '/api/v1/funders',
      cookies: { pn_session: client.cookie },
    });
    expect(funders.statusCode).toBe(200);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { pn_session: client.cookie },
      headers: { 'x-csrf-token': client.csrf },
    });
    expect(logout.statusCode).toBe(204);
    expect((await me(cookie.value)).statusCode).toBe(401);
    // The sign-in is in the audit trail.
    const [user] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'prescripteur@hautsdefrance.test'));
    const entries = await t.database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.objectId, user!.id));
    expect(entries.map((e) => [e.action, e.summary.method])).toContainEqual(['auth.sign_in', 'proconnect']);
  });

  it('goes back to the page asked for, but never to another site', async () => {
    const { authorizationUrl, flowCookie } = await startSignIn('?redirect=%2Fprescripteur%2Fcarnets');
    const res = await callback(await signInAtProvider(authorizationUrl.href, 'agent'), flowCookie.value);
    expect(res.headers.location).toBe('/prescripteur/carnets');
    const offsite = await startSignIn('?redirect=%2F%2Fevil.example%2F');
    const res2 = await callback(
      await signInAtProvider(offsite.authorizationUrl.href, 'agent'),
      offsite.flowCookie.value,
    );
    expect(res2.headers.location).toBe('/');
  });

  it('refuses a wrong state, and a callback from another browser, without a session', async () => {
    const { authorizationUrl, flowCookie } = await startSignIn();
    const back = await signInAtProvider(authorizationUrl.href, 'agent');
    const forged = new URL(back);
    forged.searchParams.set('state', 'x'.repeat(43));
    expectRefused(await callback(forged, flowCookie.value), 'expired');
    // The genuine answer, brought by a browser that did not start this sign-in (login CSRF).
    expectRefused(await callback(back, undefined), 'expired');
    const other = await startSignIn();
    expectRefused(await callback(back, other.flowCookie.value), 'expired');
  });

  it('refuses a replayed authorization code', async () => {
    const { back, flowCookie, res } = await signInWithProConnect('agent');
    expect(sessionCookie(res)).toBeDefined();
    // The same answer again, even from the same browser: its sign-in is spent.
    expectRefused(await callback(back, flowCookie), 'expired');
    // The spent code inside a fresh sign-in of this browser: the provider refuses to exchange it.
    const fresh = await startSignIn();
    const replay = new URL(back);
    replay.searchParams.set('state', fresh.flowCookie.value);
    expectRefused(await callback(replay, fresh.flowCookie.value), 'failed');
  });

  it('refuses an e-mail the provider says is not verified, and one it says nothing about', async () => {
    const { res } = await signInWithProConnect('unverified');
    expectRefused(res, 'email_not_verified');
    // This provider is not one that vouches for every address (PROCONNECT_EMAILS_VERIFIED unset).
    expectRefused((await signInWithProConnect('silent')).res, 'email_not_verified');
    const [user] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'financeur@hautsdefrance.test'));
    const refusals = await t.database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.objectId, user!.id));
    expect(refusals.map((e) => [e.action, e.summary.reason])).toContainEqual([
      'auth.sign_in_failed',
      'email_not_verified',
    ]);
  });

  it('refuses an e-mail of no account and creates none', async () => {
    const { res } = await signInWithProConnect('stranger');
    expectRefused(res, 'unknown_account');
    expect(PROCONNECT_REFUSALS.unknown_account).toContain('invitation');
    expect(await t.database.db.select().from(users).where(eq(users.email, 'inconnu@exemple.test'))).toEqual(
      [],
    );
  });

  it('accepts the pending invitation of the e-mail it proved, with the invited role only', async () => {
    const admin = await signIn(t.app, 'financeur@hautsdefrance.test');
    const funderId = admin.session.memberships[0]!.funderId;
    const invited = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'Nadia.Benali@hautsdefrance.test',
      role: 'funder_viewer',
    });
    expect(invited.statusCode).toBe(201);
    const { res } = await signInWithProConnect('invited');
    const session = (await me(sessionCookie(res)!.value)).json();
    expect(session.user).toMatchObject({
      email: 'nadia.benali@hautsdefrance.test',
      displayName: 'Nadia Benali',
    });
    expect(session.memberships).toEqual([expect.objectContaining({ role: 'funder_viewer', funderId })]);
    // The invitation is spent: its link no longer opens.
    const token = new URL(invited.json().invitationUrl).pathname.split('/').pop();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).statusCode).toBe(410);
  });

  it('accepts an invitation to a place, whose people belong to the place and no funder', async () => {
    // The Médiathèque runs its own team: its admin invites.
    const admin = await signIn(t.app, 'lieu@hautsdefrance.test');
    const { rows } = await t.database.pool.query(
      `SELECT id FROM organisations WHERE name = 'Médiathèque Louis Aragon'`,
    );
    const placeId: string = rows[0].id;
    const funderId = admin.session.memberships[0]!.funderId;
    const invited = await admin.request('POST', `/api/v1/places/${placeId}/invitations`, {
      email: 'sami.roche@hautsdefrance.test',
      role: 'place_agent',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const { res } = await signInWithProConnect('volunteer');
    expect(res.statusCode).toBe(303);
    const session = (await me(sessionCookie(res)!.value)).json();
    expect(session.memberships).toEqual([
      expect.objectContaining({ role: 'place_agent', organisationId: placeId, funderId }),
    ]);
  });

  it('tells a place admin of no password of its own to set one before recording a bank account', async () => {
    const admin = await signIn(t.app, 'lieu@hautsdefrance.test');
    const { rows } = await t.database.pool.query(
      `SELECT id FROM organisations WHERE name = 'Médiathèque Louis Aragon'`,
    );
    const placeId: string = rows[0].id;
    const invited = await admin.request('POST', `/api/v1/places/${placeId}/invitations`, {
      email: 'lea.marchand@hautsdefrance.test',
      role: 'place_admin',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const cookie = sessionCookie((await signInWithProConnect('treasurer')).res)!.value;
    const session = (await me(cookie)).json();
    // The page knows before anything is typed: the account never chose a password.
    expect(session.user.hasPassword).toBe(false);
    const url = `/api/v1/places/${placeId}/applications/bank-accounts`;
    const record = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: {
          iban: 'FR76 3000 4000 0312 3456 7890 143',
          bic: 'BNPAFRPP',
          holder: 'Médiathèque Louis Aragon',
          currentPassword,
        },
        cookies: { pn_session: cookie },
        headers: { 'x-csrf-token': session.csrfToken },
        remoteAddress: '10.9.0.1',
      });
    const before = (await admin.request('GET', url)).json();
    const refused = await record('un mot de passe quelconque');
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'password_not_set' });
    expect(refused.json().detail).toMatch(/ProConnect.*Mot de passe oublié/s);
    // Not a guess: nothing counts towards the lock, and nothing is recorded.
    const { rows: failures } = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_entries e JOIN users u ON u.id::text = e.object_id
        WHERE e.action = 'auth.sign_in_failed' AND u.email = 'lea.marchand@hautsdefrance.test'`,
    );
    expect(failures[0].n).toBe(0);
    expect((await admin.request('GET', url)).json()).toEqual(before);

    // Migration 0087 finds the accounts made so before it from the journal: these, none other.
    const backfill = fs
      .readFileSync(new URL('../../db/migrations/0087_password_set.sql', import.meta.url), 'utf8')
      .split('--> statement-breakpoint')[1]!;
    await t.database.pool.query('UPDATE users SET password_set = true');
    await t.database.pool.query(backfill);
    const { rows: without } = await t.database.pool.query(
      'SELECT email FROM users WHERE NOT password_set ORDER BY email',
    );
    expect(without.map((r) => r.email)).toEqual([
      'lea.marchand@hautsdefrance.test',
      'nadia.benali@hautsdefrance.test',
      'sami.roche@hautsdefrance.test',
    ]);

    // The way out: a password chosen through the link « Mot de passe oublié » e-mails.
    const ask = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'lea.marchand@hautsdefrance.test' },
      remoteAddress: '10.9.0.2',
    });
    expect(ask.statusCode).toBe(202);
    await afterAnswerFor(t.database.db).settled();
    const [mail] = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(
        and(
          eq(notificationOutbox.recipient, 'lea.marchand@hautsdefrance.test'),
          eq(notificationOutbox.template, 'password_reset'),
        ),
      );
    const token = (mail!.params as { token: string }).token;
    const chosen = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: TEST_PASSWORD },
      remoteAddress: '10.9.0.3',
    });
    expect(chosen.statusCode, chosen.body).toBe(204);
    const again = sessionCookie((await signInWithProConnect('treasurer')).res)!.value;
    const now = (await me(again)).json();
    expect(now.user.hasPassword).toBe(true);
    const recorded = await t.app.inject({
      method: 'POST',
      url,
      payload: {
        iban: 'FR76 3000 4000 0312 3456 7890 143',
        bic: 'BNPAFRPP',
        holder: 'Médiathèque Louis Aragon',
        currentPassword: TEST_PASSWORD,
      },
      cookies: { pn_session: again },
      headers: { 'x-csrf-token': now.csrfToken },
      remoteAddress: '10.9.0.4',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
  });

  it('keeps platform admins on their password', async () => {
    expectRefused((await signInWithProConnect('admin')).res, 'password_required');
  });

  it('refuses an answer below the level of assurance asked for (PROCONNECT_ACR_VALUES)', async () => {
    const demanding = await buildServer({
      db: t.database.db,
      config: testConfig({ proconnect: { ...provider.proconnect, acrValues: 'eidas2' } }),
    });
    try {
      const start = await demanding.inject({ method: 'GET', url: '/api/v1/auth/proconnect/login' });
      const url = new URL(start.headers.location as string);
      expect(url.searchParams.get('acr_values')).toBe('eidas2');
      const flow = start.cookies.find((c) => c.name === 'pn_proconnect')!.value;
      const back = await signInAtProvider(url.href, 'agent');
      expect(back.searchParams.get('code')).toBeTruthy();
      const res = await demanding.inject({
        method: 'GET',
        url: back.pathname + back.search,
        cookies: { pn_proconnect: flow },
      });
      expectRefused(res, 'failed');
    } finally {
      await demanding.close();
    }
  });

  it('sends the agent back with an explanation when the provider does not answer', async () => {
    const down = await buildServer({
      db: t.database.db,
      // Nothing listens on port 9 (discard) here: discovery fails at once.
      config: testConfig({ proconnect: { ...provider.proconnect, issuer: 'http://127.0.0.1:9' } }),
    });
    try {
      const res = await down.inject({ method: 'GET', url: '/api/v1/auth/proconnect/login' });
      expectRefused(res, 'unavailable');
      expect(res.cookies.find((c) => c.name === 'pn_proconnect')?.value ?? '').toBe('');
    } finally {
      await down.close();
    }
  });

  it('is off, and says so, when not configured', async () => {
    const off = await buildServer({ db: t.database.db, config: testConfig() });
    try {
      expect((await off.inject({ method: 'GET', url: '/api/v1/auth/proconnect' })).json()).toEqual({
        enabled: false,
      });
      const login = await off.inject({ method: 'GET', url: '/api/v1/auth/proconnect/login' });
      expect(login.statusCode).toBe(404);
      expect(login.headers['content-type']).toContain('application/problem+json');
    } finally {
      await off.close();
    }
  });
});
