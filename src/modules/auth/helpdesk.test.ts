import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import * as auth from './service.js';

/*
 * The helpdesk on the phone: « je n’arrive pas à me connecter ». The operator types the
 * address and reads whether an account has it, whether it is locked and until when, which
 * teams it is in, and whether an invitation waits for it; nothing else of the account.
 */
let t: TestApp;
let operator: Client;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  operator = await signIn(t.app, 'admin@pass-numerique.test');
});
afterAll(() => t.close());

const lookUp = (email: string) =>
  operator.request('GET', `/api/v1/admin/accounts?email=${encodeURIComponent(email)}`);

describe('an address looked up by the helpdesk', () => {
  it('gives the account’s roles by the names of their teams, typed as the person spells it', async () => {
    const res = await lookUp('  Prescripteur@HautsDeFrance.test ');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.email).toBe('prescripteur@hautsdefrance.test');
    expect(body.account).toMatchObject({ disabled: false, lock: null });
    expect(body.account.roles).toEqual([
      expect.objectContaining({
        role: 'prescriber_agent',
        roleLabel: 'agent prescripteur',
        where: 'Mission locale du Grand Amiénois (Région Hauts-de-France)',
      }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/argon2|password|token/i);
    // No mail server in this test's configuration: a reset link would not go out.
    expect(body.resetByEmail).toBe(false);
  });

  it('says whether « Mot de passe oublié ? » sends its link, from the mail server’s configuration', async () => {
    const mailing = await startTestApp({ demo: true, config: { smtpUrl: 'smtp://127.0.0.1:2525' } });
    try {
      const admin = await signIn(mailing.app, 'admin@pass-numerique.test');
      const res = await admin.request('GET', '/api/v1/admin/accounts?email=lieu%40hautsdefrance.test');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().resetByEmail).toBe(true);
    } finally {
      await mailing.close();
    }
  });

  it('says an account is locked from an address, and until when, after five misses', async () => {
    for (let i = 0; i < 5; i += 1) {
      const miss = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'lecteur@hautsdefrance.test', password: `pas-le-bon-${i}` },
        remoteAddress: '203.0.113.9',
      });
      expect(miss.statusCode).toBe(401);
    }
    const { account } = (await lookUp('lecteur@hautsdefrance.test')).json();
    expect(account.lock.addresses).toBe(1);
    const minutes = (new Date(account.lock.until).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(13);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('says when the person last signed in, even once signed out, and none when they never did', async () => {
    await auth.createPlatformAdmin(t.database.db, {
      email: 'jamais-venue@pass-numerique.test',
      displayName: 'Jamais Venue',
      password: DEMO_PASSWORD,
    });
    const never = (await lookUp('jamais-venue@pass-numerique.test')).json();
    expect(never.account.lastSessionAt).toBeNull();

    const before = Date.now();
    const volunteer = await signIn(t.app, 'benevole@hautsdefrance.test');
    const out = await volunteer.request('POST', '/api/v1/auth/logout');
    expect(out.statusCode, out.body).toBeLessThan(300);
    // Its other sessions (the demo's invitation taken up) expired and purged since: none is live.
    await t.database.pool.query(
      `DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'benevole@hautsdefrance.test')`,
    );
    const { account } = (await lookUp('benevole@hautsdefrance.test')).json();
    expect(account.lastSessionAt).not.toBeNull();
    expect(new Date(account.lastSessionAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('finds no account for an address only invited, and shows the invitation waiting', async () => {
    const funder = await signIn(t.app, 'financeur@hautsdefrance.test');
    const funderId = funder.session.memberships[0]!.funderId!;
    const sent = await funder.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'pas-encore@hautsdefrance.test',
      role: 'funder_viewer',
    });
    expect(sent.statusCode).toBe(201);
    const body = (await lookUp('pas-encore@hautsdefrance.test')).json();
    expect(body.account).toBeNull();
    expect(body.invitations).toEqual([
      expect.objectContaining({
        role: 'funder_viewer',
        roleLabel: 'lecteur du financeur',
        where: 'Région Hauts-de-France',
      }),
    ]);
  });

  // A person whose invitation expired got « Aucun compte n’a cette adresse. »: the helpdesk could
  // not tell her which team to ask for a new one.
  it('shows an expired invitation too, said expired, with its team and when it was sent', async () => {
    const funder = await signIn(t.app, 'financeur@hautsdefrance.test');
    const funderId = funder.session.memberships[0]!.funderId!;
    const sent = await funder.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'trop-tard@hautsdefrance.test',
      role: 'funder_viewer',
    });
    expect(sent.statusCode).toBe(201);
    await t.database.pool.query(
      `UPDATE invitations SET created_at = now() - interval '20 days', expires_at = now() - interval '6 days'
        WHERE email = 'trop-tard@hautsdefrance.test'`,
    );
    const body = (await lookUp('trop-tard@hautsdefrance.test')).json();
    expect(body.account).toBeNull();
    expect(body.invitations).toEqual([
      expect.objectContaining({ role: 'funder_viewer', where: 'Région Hauts-de-France', expired: true }),
    ]);
    const [inv] = body.invitations;
    expect(new Date(inv.expiresAt).getTime()).toBeLessThan(Date.now());
    expect(new Date(inv.createdAt).getTime()).toBeLessThan(new Date(inv.expiresAt).getTime());
    // One still waiting is not.
    expect((await lookUp('pas-encore@hautsdefrance.test')).json().invitations[0].expired).toBe(false);
  });

  it('is in the platform’s journal, and refuses an address that is not one, naming the field', async () => {
    const { rows } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'account.lookup' AND funder_id IS NULL ORDER BY id`,
    );
    expect(rows.map((r) => r.summary.email)).toEqual(
      expect.arrayContaining(['prescripteur@hautsdefrance.test', 'pas-encore@hautsdefrance.test']),
    );
    const bad = await lookUp('jeannine');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['querystring.email']);
  });

  it('is the platform admin’s only', async () => {
    const funder = await signIn(t.app, 'financeur@hautsdefrance.test');
    const res = await funder.request('GET', '/api/v1/admin/accounts?email=lieu%40hautsdefrance.test');
    expect(res.statusCode).toBe(403);
  });
});
