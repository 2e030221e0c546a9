import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import type { App } from '../../http/app.js';
import { buildServer } from '../../server.js';
import { signIn, startTestApp, type TestApp, testConfig } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t.close());

const login = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('login and sessions', () => {
  it('signs in with email (any case) and password, with an httpOnly SameSite cookie', async () => {
    const res = await login('Financeur@HautsDeFrance.test', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().memberships[0]).toMatchObject({
      role: 'funder_admin',
      funderName: 'Région Hauts-de-France',
    });
    const cookie = res.cookies.find((c) => c.name === 'pn_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { pn_session: cookie.value },
    });
    expect(me.json().user.email).toBe('financeur@hautsdefrance.test');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await login('nobody@example.test', 'whatever-password');
    const wrong = await login('lecteur@hautsdefrance.test', 'wrong-password!');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    // The same for a locked account: so the message says that a lock exists and for how long
    // (a person with the right password, refused, was told only « incorrect » for 15 minutes),
    // and where from: « cette adresse » read as the e-mail address, not the network's.
    expect(unknown.json().detail).toBe(
      'Adresse électronique ou mot de passe incorrect. Après 5 essais manqués, le compte ne s’ouvre plus depuis cet appareil ou ce réseau pendant 15 minutes, même avec le bon mot de passe : patientez, ou demandez un nouveau mot de passe.',
    );
  });

  it('requires a session on API routes and forgets it at logout', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/funders' })).statusCode).toBe(401);
    const c = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await c.request('GET', '/api/v1/funders')).statusCode).toBe(200);
    expect((await c.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.request('GET', '/api/v1/funders')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const res = await login('financeur@hautsdefrance.test', DEMO_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'pn_session')!;
    const funderId = res.json().memberships[0].funderId;
    const forged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/funders/${funderId}/invitations`,
      cookies: { pn_session: cookie.value },
      payload: { email: 'x@example.test', role: 'funder_viewer' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('csrf_failed');
  });

  // The lock was account-wide after 10 failures from anywhere, so a stranger could shut an agent
  // out of every place (issue 10.2): it now holds per account and address (accounts.test.ts).
  it('locks an account after 5 failed passwords from one address, even with the right one afterwards', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.0.0.1',
        payload: { email: 'financeur@paysdeverdun.test', password: `wrong-${i}-password` },
      });
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.0.0.1',
      payload: { email: 'financeur@paysdeverdun.test', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
  });

  it('rate-limits logins from one address', async () => {
    const codes = await twelveFailedLogins([t.app], '10.9.9.9');
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  // A front desk of a France Services office: its agents sign in from one address in the
  // morning. Only failed sign-ins count towards the address's limit.
  it('lets every agent of an office behind one address sign in, failed sign-ins alone counting', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.7.7.7',
        payload: { email: 'lecteur@hautsdefrance.test', password: DEMO_PASSWORD },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual(Array(15).fill(200));
    // Ten failures shut the address out for the rest of the minute, the right password too.
    const failures = await twelveFailedLogins([t.app], '10.7.7.7');
    expect(failures).toEqual([...Array(10).fill(401), 429, 429]);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.7.7.7',
      payload: { email: 'lecteur@hautsdefrance.test', password: DEMO_PASSWORD },
    });
    expect(after.statusCode).toBe(429);
    // « Depuis cette adresse » was read as the e-mail address: the network's is meant.
    expect(after.json()).toMatchObject({
      code: 'rate_limited',
      detail:
        'Trop de connexions ont échoué depuis cet appareil ou ce réseau : patientez une minute avant de réessayer.',
    });
    expect(Number(after.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts the logins from one address across instances, not per instance', async () => {
    // A second instance on the same database, as behind a load balancer.
    const other = await buildServer({ db: t.database.db, config: testConfig() });
    try {
      const codes = await twelveFailedLogins([t.app, other], '10.8.8.8');
      // Each instance counting alone would have let all twelve through (six each).
      expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
      expect(codes.slice(10)).toEqual([429, 429]);
    } finally {
      await other.close();
    }
  });
});

/** Twelve logins with unknown emails from one address, sent to the servers in turn: their statuses. */
async function twelveFailedLogins(servers: App[], remoteAddress: string): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await servers[i % servers.length]!.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { email: `guess${i}@example.test`, password: 'guess-password' },
    });
    codes.push(res.statusCode);
  }
  return codes;
}

describe('invitations', () => {
  it('lets a funder admin invite a viewer who then signs in, scoped to that funder', async () => {
    const admin = await signIn(t.app, 'financeur@pasdecalais.test');
    const funderId = admin.session.memberships[0]!.funderId!;
    const inv = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'Nouvelle.Lectrice@pasdecalais.test',
      role: 'funder_viewer',
    });
    expect(inv.statusCode).toBe(201);
    const token = inv.json().invitationUrl.split('/invitation/')[1];
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(view.json()).toMatchObject({
      email: 'nouvelle.lectrice@pasdecalais.test',
      funderName: 'Département du Pas-de-Calais',
    });
    const short = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { displayName: 'Lectrice', password: 'court' },
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors[0].field).toBe('password');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { displayName: 'Lectrice', password: 'un mot de passe solide' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().memberships).toEqual([expect.objectContaining({ role: 'funder_viewer', funderId })]);
    expect(ok.json().joined).toEqual({
      kind: 'funder',
      id: funderId,
      name: 'Département du Pas-de-Calais',
      role: 'funder_viewer',
      roleLabel: 'lecteur du financeur',
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { displayName: 'Lectrice', password: 'un mot de passe solide' },
    });
    expect(again.statusCode).toBe(410);
  });

  it('lists the funder’s pending invitations to its admins: no token, gone once accepted', async () => {
    const admin = await signIn(t.app, 'financeur@pasdecalais.test', undefined, '10.50.0.1');
    const funderId = admin.session.memberships[0]!.funderId!;
    const invite = (email: string, role: string) =>
      admin.request('POST', `/api/v1/funders/${funderId}/invitations`, { email, role });
    await invite('Attente.Admin@pasdecalais.test', 'funder_admin');
    const accepted = await invite('acceptee@pasdecalais.test', 'funder_viewer');
    const token = accepted.json().invitationUrl.split('/invitation/')[1];
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { displayName: 'Acceptée', password: 'un mot de passe solide' },
    });

    const list = await admin.request('GET', `/api/v1/funders/${funderId}/invitations`);
    expect(list.statusCode).toBe(200);
    const emails = list.json().map((i: { email: string }) => i.email);
    expect(emails).toContain('attente.admin@pasdecalais.test');
    expect(emails).not.toContain('acceptee@pasdecalais.test');
    const pending = list.json().find((i: { email: string }) => i.email === 'attente.admin@pasdecalais.test');
    expect(pending).toMatchObject({ role: 'funder_admin', invitedBy: 'Julie Lefebvre' });
    expect(new Date(pending.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    expect(JSON.stringify(list.json())).not.toMatch(/token/i);

    // A reader of the funder does not see them; another funder's admin finds no such funder.
    const reader = await signIn(t.app, 'acceptee@pasdecalais.test', 'un mot de passe solide', '10.50.0.2');
    expect((await reader.request('GET', `/api/v1/funders/${funderId}/invitations`)).statusCode).toBe(403);
    const other = await signIn(t.app, 'financeur@hautsdefrance.test', undefined, '10.50.0.3');
    expect((await other.request('GET', `/api/v1/funders/${funderId}/invitations`)).statusCode).toBe(404);
  });

  it('does not let a funder admin invite into another funder', async () => {
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    const hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
    const hdfFunder = hdf.session.memberships[0]!.funderId!;
    const res = await pdc.request('POST', `/api/v1/funders/${hdfFunder}/invitations`, {
      email: 'intrus@example.test',
      role: 'funder_admin',
    });
    expect(res.statusCode).toBe(404);
  });
});
