import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_LABELS } from '../../core/audit-labels.js';
import type { Actor } from '../../core/permissions.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { newAccount, TEST_PASSWORD } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { disableAccount, enableAccount, WITHDRAWN_WITH_SENDER } from './account-access.js';
import { passwordLinkFor } from './password-reset.js';
import * as auth from './service.js';

/*
 * The operator cuts an account off (a compromised one, a person who must no longer get in):
 * at once, everywhere, journalled; and gives it back the same way.
 */
let t: TestApp;
let operator: Client;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  operator = await signIn(t.app, 'admin@pass-numerique.test');
});
afterAll(() => t.close());

const disable = (by: Client, email: string, reason: unknown = 'Compte compromis (ticket 42)') =>
  by.request('POST', '/api/v1/admin/accounts/disable', { email, reason });
const enable = (by: Client, email: string) => by.request('POST', '/api/v1/admin/accounts/enable', { email });
const login = (email: string, password = DEMO_PASSWORD, address = '198.51.100.7') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: address,
  });
const lookUp = async (email: string) =>
  (await operator.request('GET', `/api/v1/admin/accounts?email=${encodeURIComponent(email)}`)).json().account;
const entries = async (action: string, email: string) =>
  (
    await t.database.pool.query(
      `SELECT actor_label, funder_id, object_type, summary FROM audit_entries
        WHERE action = $1 AND summary->>'email' = $2 ORDER BY id`,
      [action, email],
    )
  ).rows;

describe('an account disabled by the platform’s operator', () => {
  it('loses its open session at once, cannot sign in, gets no reset link; enabled, signs in again', async () => {
    const email = 'lecteur@hautsdefrance.test';
    const viewer = await signIn(t.app, email, DEMO_PASSWORD, '198.51.100.1');
    expect((await viewer.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    // A link prepared before: spent by the disabling, and not given back by the enabling.
    const token = await passwordLinkFor(t.database.db, { email });
    expect(token).not.toBeNull();

    const open = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`,
      [email],
    );
    expect(open.rows[0].n).toBeGreaterThanOrEqual(1);
    const res = await disable(operator, '  Lecteur@HautsDeFrance.test ', '  Téléphone volé  ');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ email, endedSessions: open.rows[0].n, spentResetLinks: 1 });
    const left = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`,
      [email],
    );
    expect(left.rows[0].n).toBe(0);

    expect((await viewer.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    // The same answer as a wrong password: nobody learns the account is disabled.
    const refused = await login(email);
    const wrong = await login('financeur@hautsdefrance.test', 'pas-le-bon', '198.51.100.8');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('invalid_credentials');
    expect(refused.json().detail).toBe(wrong.json().detail);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'une phrase de passe bien longue 2026' },
    });
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json().code).toBe('password_reset_invalid');
    const before = await t.database.pool.query(`SELECT count(*)::int AS n FROM notification_outbox`);
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email },
      remoteAddress: '198.51.100.9',
    });
    expect(asked.statusCode).toBe(202);
    const after = await t.database.pool.query(`SELECT count(*)::int AS n FROM notification_outbox`);
    expect(after.rows[0].n).toBe(before.rows[0].n);

    const account = await lookUp(email);
    expect(account).toMatchObject({ disabled: true, disabledAt: res.json().disabledAt });
    // Its roles are the teams' business: unchanged.
    expect(account.roles).toEqual([expect.objectContaining({ role: 'funder_viewer' })]);

    const back = await enable(operator, email);
    expect(back.statusCode, back.body).toBe(200);
    expect((await lookUp(email)).disabledAt).toBeNull();
    expect((await login(email, DEMO_PASSWORD, '198.51.100.10')).statusCode).toBe(200);
    const spent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'une phrase de passe bien longue 2026' },
    });
    expect(spent.statusCode).toBe(400);
  });

  it('is journalled, disabling and enabling, in the platform’s journal with their labels', async () => {
    const [off] = await entries('account.disable', 'lecteur@hautsdefrance.test');
    expect(off).toMatchObject({
      actor_label: 'admin@pass-numerique.test',
      funder_id: null,
      object_type: 'user',
      summary: { reason: 'Téléphone volé', spentResetLinks: 1 },
    });
    const [on] = await entries('account.enable', 'lecteur@hautsdefrance.test');
    expect(on).toMatchObject({ actor_label: 'admin@pass-numerique.test', funder_id: null });
    expect(ACTION_LABELS['account.disable']).toMatch(/^Compte désactivé/);
    expect(ACTION_LABELS['account.enable']).toMatch(/^Compte réactivé/);
    const journal = await operator.request('GET', '/api/v1/audit?action=account.disable');
    expect(journal.statusCode, journal.body).toBe(200);
    expect(journal.body).toContain('Compte désactivé');
  });

  it('says an account already disabled, and since when, and one already enabled; nothing changes', async () => {
    const email = 'benevole@hautsdefrance.test';
    expect((await disable(operator, email)).statusCode).toBe(200);
    const again = await disable(operator, email, 'Deuxième fois');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('account_already_disabled');
    expect(again.json().detail).toMatch(/déjà désactivé depuis le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(await entries('account.disable', email)).toHaveLength(1);
    expect((await enable(operator, email)).statusCode).toBe(200);
    const twice = await enable(operator, email);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('account_already_enabled');
    expect(twice.json().detail).toMatch(/déjà actif/);
    expect(await entries('account.enable', email)).toHaveLength(1);
  });

  it('refuses a missing or too long reason, and an unknown address, in French naming the field', async () => {
    const email = 'lieu@hautsdefrance.test';
    for (const body of [
      { email, reason: '   ' },
      { email, reason: 'x'.repeat(501) },
      { email },
      { email, reason: null },
    ]) {
      const res = await operator.request('POST', '/api/v1/admin/accounts/disable', body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'reason', message: expect.stringMatching(/^Motif : /) }),
      ]);
    }
    const unknown = await disable(operator, 'personne@nulle-part.test');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toMatch(/Aucun compte/);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect((await enable(operator, 'personne@nulle-part.test')).statusCode).toBe(404);
    expect((await lookUp('lieu@hautsdefrance.test')).disabled).toBe(false);
  });

  it('is the platform admin’s only: a funder admin or a place’s people get 403', async () => {
    for (const who of [
      'financeur@hautsdefrance.test',
      'lieu@hautsdefrance.test',
      'mediateur@hautsdefrance.test',
    ]) {
      const caller = await signIn(t.app, who);
      expect((await disable(caller, 'prescripteur@hautsdefrance.test')).statusCode).toBe(403);
      expect((await enable(caller, 'prescripteur@hautsdefrance.test')).statusCode).toBe(403);
    }
    expect((await lookUp('prescripteur@hautsdefrance.test')).disabled).toBe(false);
  });

  it('withdraws the invitations it sent that still wait, each in its team’s journal; an accepted one stays', async () => {
    const placeId: string = (
      await t.database.pool.query(
        `SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE u.email = 'lieu@hautsdefrance.test' AND m.role = 'place_admin'`,
      )
    ).rows[0].organisation_id;
    const funderId: string = (
      await t.database.pool.query(
        `SELECT m.funder_id FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE u.email = 'financeur@hautsdefrance.test' AND m.role = 'funder_admin'`,
      )
    ).rows[0].funder_id;
    // A funder admin and a place admin whose accounts will be cut off (compromised, say).
    const colleague = await newAccount(t, {
      funderId,
      email: 'compromis@hautsdefrance.test',
      role: 'funder_admin',
    });
    const placeAdmin = await newAccount(t, {
      funderId,
      email: 'compromis@lieu.test',
      role: 'place_admin',
      organisationId: placeId,
    });
    const tokenOf = (res: { statusCode: number; body: string; json(): { invitationUrl: string } }) => {
      expect(res.statusCode, res.body).toBe(201);
      return res.json().invitationUrl.split('/invitation/')[1]!;
    };
    const intruder = tokenOf(
      await colleague.request('POST', `/api/v1/funders/${funderId}/invitations`, {
        email: 'intrus@exemple.test',
        role: 'funder_admin',
      }),
    );
    const accepted = tokenOf(
      await colleague.request('POST', `/api/v1/funders/${funderId}/invitations`, {
        email: 'nouvelle.lectrice@hautsdefrance.test',
        role: 'funder_viewer',
      }),
    );
    await auth.acceptInvitation(
      t.database.db,
      accepted,
      { displayName: 'Nouvelle lectrice', password: TEST_PASSWORD },
      { ttlHours: 1 },
    );
    const atThePlace = tokenOf(
      await placeAdmin.request('POST', `/api/v1/places/${placeId}/invitations`, {
        email: 'agent-intrus@exemple.test',
        role: 'place_agent',
      }),
    );

    for (const email of ['compromis@hautsdefrance.test', 'compromis@lieu.test']) {
      const res = await disable(operator, email);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().withdrawnInvitations).toBe(1);
      const [entry] = await entries('account.disable', email);
      expect(entry.summary.withdrawnInvitations).toBe(1);
    }
    const invitationPage = (token: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect((await invitationPage(intruder)).statusCode).toBe(410);
    expect((await invitationPage(atThePlace)).statusCode).toBe(410);
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${intruder}/accept`,
      payload: { displayName: 'Intrus', password: TEST_PASSWORD },
    });
    expect(accept.statusCode).toBe(410);
    // The helpdesk finds no account at that address, and no invitation waiting for it.
    const looked = await operator.request('GET', '/api/v1/admin/accounts?email=intrus@exemple.test');
    expect(looked.json()).toMatchObject({ account: null, invitations: [] });
    // The one accepted before is someone's access now: the teams' admins decide about it.
    expect((await lookUp('nouvelle.lectrice@hautsdefrance.test')).roles).toEqual([
      expect.objectContaining({ role: 'funder_viewer' }),
    ]);

    // Each team reads it in its journal: who withdrew it, who had sent it, why; not the
    // platform's reason for the disabling.
    const admin = await signIn(t.app, 'financeur@hautsdefrance.test', DEMO_PASSWORD, '198.51.100.20');
    const pending = await admin.request('GET', `/api/v1/funders/${funderId}/invitations`);
    expect(pending.json().map((i: { email: string }) => i.email)).not.toContain('intrus@exemple.test');
    const withdrawn = await entries('invitation.withdraw', 'intrus@exemple.test');
    expect(withdrawn).toEqual([
      expect.objectContaining({
        actor_label: 'admin@pass-numerique.test',
        funder_id: funderId,
        summary: expect.objectContaining({ reason: WITHDRAWN_WITH_SENDER, role: 'funder_admin' }),
      }),
    ]);
    expect(await entries('invitation.withdraw', 'agent-intrus@exemple.test')).toEqual([
      expect.objectContaining({ funder_id: funderId, object_type: 'invitation' }),
    ]);
    const journal = await admin.request(
      'GET',
      `/api/v1/funders/${funderId}/audit?action=invitation.withdraw`,
    );
    expect(journal.statusCode, journal.body).toBe(200);
    expect(journal.body).toContain('intrus@exemple.test');
    expect(journal.body).toContain(WITHDRAWN_WITH_SENDER);
    expect(journal.body).toContain('compromis');
    expect(journal.body).not.toContain('ticket 42');

    // Enabled again, the account gets its access back, not the invitations.
    expect((await enable(operator, 'compromis@hautsdefrance.test')).statusCode).toBe(200);
    expect((await invitationPage(intruder)).statusCode).toBe(410);
  });

  it('refuses the operator’s own account, and the last enabled platform admin', async () => {
    const own = await disable(operator, 'admin@pass-numerique.test');
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe('own_account');
    expect(own.json().detail).toMatch(/votre propre compte/);

    // A second operator; each tries to cut the other off: the second attempt would leave nobody.
    await auth.createPlatformAdmin(t.database.db, {
      email: 'second@pass-numerique.test',
      displayName: 'Second opérateur',
      password: 'une phrase de passe bien longue 2026',
    });
    const operatorAs = async (email: string): Promise<Actor> => {
      const { rows } = await t.database.pool.query('SELECT id FROM users WHERE email = $1', [email]);
      return {
        userId: rows[0].id,
        email,
        memberships: [{ role: 'platform_admin', funderId: null, organisationId: null }],
      };
    };
    const firstActor = await operatorAs('admin@pass-numerique.test');
    const secondActor = await operatorAs('second@pass-numerique.test');
    await disableAccount(t.database.db, secondActor, 'admin@pass-numerique.test', 'Essai');
    await expect(
      disableAccount(t.database.db, firstActor, 'second@pass-numerique.test', 'Essai'),
    ).rejects.toMatchObject({ code: 'last_admin' });
    // The command line (no actor) is held to the same rule.
    await expect(
      disableAccount(t.database.db, null, 'second@pass-numerique.test', 'Essai'),
    ).rejects.toMatchObject({ code: 'last_admin', detail: expect.stringMatching(/dernier administrateur/) });
    await enableAccount(t.database.db, null, 'admin@pass-numerique.test');
    const [byCli] = await entries('account.enable', 'admin@pass-numerique.test');
    expect(byCli.actor_label).toBe('ligne de commande');
  });
});
