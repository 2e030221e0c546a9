import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import * as audit from '../audit/service.js';
import { createPlatformAdmin, passwordWeakness } from './service.js';

/** Issue 10, point 2: accounts (invitations of existing accounts, lockout, passwords, audit). */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t.close());

const login = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } });

let addresses = 0;
/** Each sign-in from an address of its own: the route allows 10 a minute per address. */
const signInAs = (email: string, password = DEMO_PASSWORD) =>
  signIn(t.app, email, password, `10.30.${Math.floor(addresses / 250)}.${(addresses++ % 250) + 1}`);

const sessionCookie = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === 'pn_session' && c.value !== '')?.value;

/** A funder admin of the Pas-de-Calais invites `email`; returns the invitation's token. */
async function inviteToPasDeCalais(email: string, role = 'funder_viewer'): Promise<string> {
  const admin = await signInAs('financeur@pasdecalais.test');
  const funderId = admin.session.memberships[0]!.funderId!;
  const inv = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, { email, role });
  expect(inv.statusCode).toBe(201);
  return inv.json().invitationUrl.split('/invitation/')[1];
}

const accept = (token: string, password: string, remoteAddress = '10.20.0.1') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${token}/accept`,
    remoteAddress,
    payload: { displayName: 'Quelqu’un', password },
  });

async function entries(action: string, objectId?: string) {
  const { rows } = await t.database.db.execute<{
    action: string;
    actor_user_id: string | null;
    funder_id: string | null;
    object_id: string | null;
    summary: Record<string, unknown>;
  }>(sql`SELECT action, actor_user_id, funder_id, object_id, summary FROM audit_entries
          WHERE action = ${action} AND (${objectId ?? null}::text IS NULL OR object_id = ${objectId ?? null})
          ORDER BY id`);
  return rows;
}

async function userId(email: string): Promise<string> {
  const { rows } = await t.database.db.execute<{ id: string }>(
    sql`SELECT id FROM users WHERE email = ${email}`,
  );
  return rows[0]!.id;
}

describe('an invitation to an existing account (2a)', () => {
  it('gives no session through the anonymous acceptance, even with the right password', async () => {
    // A funder admin invites the address of another funder's admin, then tries its password (the
    // platform admin's address, used here before, cannot be invited at all: operator-seat.test.ts).
    const token = await inviteToPasDeCalais('financeur@paysdeverdun.test');
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(view.json().existingAccount).toBe(true);
    const guesses = [];
    for (const guess of ['mauvais-essai-un', 'mauvais-essai-deux', DEMO_PASSWORD]) {
      guesses.push(await accept(token, guess));
    }
    for (const res of guesses) {
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('account_exists');
      expect(sessionCookie(res)).toBeUndefined();
    }
    // Whatever was sent, the answer is the same: the acceptance tells nothing of the password.
    expect(guesses[2]!.json()).toEqual(guesses[0]!.json());
    const other = await signInAs('financeur@paysdeverdun.test');
    // Its one seat, at its own funder: nothing of the Pas-de-Calais.
    expect(other.session.memberships.map((m) => m.role)).toEqual(['funder_admin']);
    const { rows } = await t.database.pool.query(
      `SELECT id FROM funders WHERE name = 'PETR du Pays de Verdun'`,
    );
    expect(other.session.memberships[0]!.funderId).toBe(rows[0].id);
  });

  it('lets the existing account join once signed in through the sign-in and its lockout', async () => {
    const token = await inviteToPasDeCalais('lecteur@hautsdefrance.test');
    // Guessing goes through the sign-in: counted, and locked after five failures from this address.
    for (let i = 0; i < 5; i++) {
      expect((await login('lecteur@hautsdefrance.test', `devinette-${i}-xyz`, '10.20.1.1')).statusCode).toBe(
        401,
      );
    }
    expect((await login('lecteur@hautsdefrance.test', DEMO_PASSWORD, '10.20.1.1')).statusCode).toBe(401);
    const reader = await signInAs('lecteur@hautsdefrance.test');
    const joined = await reader.request('POST', `/api/v1/invitations/${token}/join`);
    expect(joined.statusCode).toBe(200);
    expect(joined.json().memberships.map((m: { funderName: string }) => m.funderName)).toEqual([
      'Région Hauts-de-France',
      'Département du Pas-de-Calais',
    ]);
    // The answer names the funder joined, not the one the account had: no comparing of sessions.
    expect(joined.json().joined).toEqual({
      kind: 'funder',
      id: joined.json().memberships[1].funderId,
      name: 'Département du Pas-de-Calais',
      role: 'funder_viewer',
      roleLabel: 'lecteur du financeur',
    });
    // The membership is in the funder's audit trail.
    const created = (await entries('membership.create', await userId('lecteur@hautsdefrance.test'))).at(-1);
    expect(created).toMatchObject({ summary: { role: 'funder_viewer' } });
    expect(created!.funder_id).toBe(joined.json().memberships[1].funderId);
    // Used once.
    expect((await reader.request('POST', `/api/v1/invitations/${token}/join`)).statusCode).toBe(410);
  });

  it('refuses to let another signed-in account join with the invitation', async () => {
    const token = await inviteToPasDeCalais('prescripteur@hautsdefrance.test', 'funder_admin');
    const other = await signInAs('financeur@hautsdefrance.test');
    const res = await other.request('POST', `/api/v1/invitations/${token}/join`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('invitation_other_account');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).statusCode).toBe(200);
  });
});

describe('lockout (2b)', () => {
  it('locks an account from the guessing address only: the agent still signs in elsewhere', async () => {
    for (let i = 0; i < 5; i++) {
      await login('benevole@hautsdefrance.test', `devinette-${i}-abc`, '10.21.0.1');
    }
    expect((await login('benevole@hautsdefrance.test', DEMO_PASSWORD, '10.21.0.1')).statusCode).toBe(401);
    expect((await login('benevole@hautsdefrance.test', DEMO_PASSWORD, '10.21.0.2')).statusCode).toBe(200);
  });

  it('answers a locked account exactly as an unknown e-mail or a wrong password', async () => {
    for (let i = 0; i < 5; i++) {
      await login('financeur@paysdeverdun.test', `devinette-${i}-def`, '10.21.1.1');
    }
    const locked = await login('financeur@paysdeverdun.test', DEMO_PASSWORD, '10.21.1.1');
    const unknown = await login('personne@paysdeverdun.test', DEMO_PASSWORD, '10.21.1.1');
    const wrong = await login('lieu@hautsdefrance.test', 'mauvais-mot-de-passe', '10.21.1.1');
    for (const res of [locked, unknown, wrong]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toBe(locked.headers['content-type']);
      expect(res.body).toBe(locked.body);
    }
    expect(locked.json().code).toBe('invalid_credentials');
  });

  it('starts the count again when a lock ends: one wrong password does not lock again', async () => {
    for (let i = 0; i < 5; i++) {
      await login('prescripteur@hautsdefrance.test', `devinette-${i}-ghi`, '10.21.2.1');
    }
    expect((await login('prescripteur@hautsdefrance.test', DEMO_PASSWORD, '10.21.2.1')).statusCode).toBe(401);
    // Fifteen minutes later.
    await t.database.db.execute(sql`
      UPDATE login_failures SET locked_until = now() - interval '1 second',
             last_failure_at = last_failure_at - interval '15 minutes'`);
    expect(
      (await login('prescripteur@hautsdefrance.test', 'encore-une-erreur', '10.21.2.1')).statusCode,
    ).toBe(401);
    expect((await login('prescripteur@hautsdefrance.test', DEMO_PASSWORD, '10.21.2.1')).statusCode).toBe(200);
  });
});

describe('passwords (2c)', () => {
  it('refuses a common or guessable password of 12 characters or more, naming the field in French', async () => {
    const token = await inviteToPasDeCalais('nouvel.agent@pasdecalais.test');
    for (const weak of [
      'Azerty123456',
      'motdepasse123',
      'nouvel.agent@pasdecalais',
      'nouvel.agent-pasdecalais',
    ]) {
      const res = await accept(token, weak, '10.22.0.1');
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].field).toBe('password');
      expect(res.json().errors[0].message).toMatch(/^Le mot de passe est trop facile à deviner/);
    }
    // zxcvbn's French warnings end without a full stop: each sentence ends with one all the same.
    const keyboard = await accept(token, 'azertyuiopqsdf', '10.22.0.1');
    expect(keyboard.json().errors[0].message).toBe(
      'Le mot de passe est trop facile à deviner. Les lignes droites de touches de votre clavier sont faciles à deviner. Choisissez par exemple une phrase de plusieurs mots sans rapport entre eux.',
    );
    // The address typed again with a dash for its « @ »: zxcvbn scored it strong.
    const retyped = await accept(token, 'Nouvel.Agent-PasDeCalais', '10.22.0.1');
    expect(retyped.json().errors[0].message).toContain('il reprend votre adresse électronique ou votre nom');
    const short = await accept(token, 'Kx7#q2!Lm', '10.22.0.1');
    expect(short.json().errors[0].message).toBe('Le mot de passe doit contenir au moins 12 caractères.');
    expect((await accept(token, 'cerisier tilleul boussole 42', '10.22.0.1')).statusCode).toBe(200);
  });

  it('refuses one common word dressed with digits, a year or punctuation, and keeps passphrases', async () => {
    const token = await inviteToPasDeCalais('mot.courant@pasdecalais.test');
    const refused = await accept(token, 'Motdepasse2024!', '10.22.1.1');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].field).toBe('password');
    expect(refused.json().errors[0].message).toMatch(/^Le mot de passe est trop facile à deviner/);
    // zxcvbn scored each of these 3 or more: one word of its lists, the rest guessed by rote.
    for (const weak of [
      'Motdepasse2024!',
      'M0tDeP@sse!2024',
      '!!Motdepasse2024',
      'Motdepasse-2024',
      '2024Motdepasse!',
      'motdepasse2024motdepasse',
      'Motdepasse2024!Motdepasse2024!',
      'Bonjour2024!!',
      'B0nj0ur2024!!',
      'Soleil#19841984',
      'S0leil_2024!',
      'Azerty2024!!',
      'Azertyuiop2024!',
      'Password2024!',
      'Welcome2024!!',
      'Chocolat2023!',
      'Tournesol2024!!',
    ]) {
      const weakness = await passwordWeakness(weak, ['mot.courant@pasdecalais.test', 'Quelqu’un']);
      expect(weakness, weak).toMatch(/^Le mot de passe est trop facile à deviner/);
    }
    for (const phrase of [
      'cerisier tilleul boussole 42',
      'Tournesol-Velo-Nuage7',
      'Bonjour!Soleil2024',
      'demo-pass-numerique',
      'Anticonstitutionnellement2024',
    ])
      expect(
        await passwordWeakness(phrase, ['mot.courant@pasdecalais.test', 'Quelqu’un']),
        phrase,
      ).toBeNull();
  });

  it('refuses a weak password for the platform admin made on the command line', async () => {
    await expect(
      createPlatformAdmin(t.database.db, {
        email: 'ops@pass-numerique.test',
        displayName: 'Ops',
        password: 'password1234',
      }),
    ).rejects.toMatchObject({ status: 422, errors: [{ field: 'password' }] });
  });

  it('lets a signed-in agent change the password with the current one, ending the other sessions', async () => {
    const here = await signInAs('mediateur@hautsdefrance.test');
    const elsewhere = await signInAs('mediateur@hautsdefrance.test');
    const change = (currentPassword: string, newPassword: string) =>
      here.request('POST', '/api/v1/auth/password', { currentPassword, newPassword });

    const wrong = await change('pas-le-bon-mot-de-passe', 'cerisier tilleul boussole 43');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    const weak = await change(DEMO_PASSWORD, 'Azerty123456');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0]).toMatchObject({ field: 'newPassword' });
    expect(weak.json().errors[0].message).toMatch(/^Le mot de passe est trop facile à deviner/);

    expect((await change(DEMO_PASSWORD, 'cerisier tilleul boussole 43')).statusCode).toBe(204);
    expect((await here.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login('mediateur@hautsdefrance.test', DEMO_PASSWORD, '10.22.1.1')).statusCode).toBe(401);
    expect(
      (await login('mediateur@hautsdefrance.test', 'cerisier tilleul boussole 43', '10.22.1.1')).statusCode,
    ).toBe(200);
    expect(await entries('auth.password_change', await userId('mediateur@hautsdefrance.test'))).toHaveLength(
      1,
    );
  });

  it('refuses a password change without a session or without the CSRF token', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'cerisier tilleul boussole 44' },
    });
    expect(anonymous.statusCode).toBe(401);
    const c = await signInAs('lieu@hautsdefrance.test');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      cookies: { pn_session: c.cookie },
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'cerisier tilleul boussole 44' },
    });
    expect(forged.statusCode).toBe(403);
  });
});

describe('security events in the audit trail (2d)', () => {
  it('records sign-ins, failures, lockouts and sign-outs, never the password or the token', async () => {
    const email = 'operateur@mandataire.test';
    const id = await userId(email);
    const ok = await login(email, DEMO_PASSWORD, '10.23.0.1');
    expect(ok.statusCode).toBe(200);
    const token = sessionCookie(ok)!;
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      remoteAddress: '10.23.0.1',
      cookies: { pn_session: token },
      headers: { 'x-csrf-token': ok.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const guesses = [
      'devinette-secrete-1',
      'devinette-secrete-2',
      'devinette-secrete-3',
      'devinette-secrete-4',
    ];
    for (const g of [...guesses, 'devinette-secrete-5']) await login(email, g, '10.23.0.2');
    await login('inconnu@mandataire.test', 'devinette-secrete-6', '10.23.0.2');

    const passwordSignIns = (await entries('auth.sign_in', id)).filter(
      (e) => e.summary.method === 'password',
    );
    expect(passwordSignIns).toHaveLength(1);
    expect(await entries('auth.sign_out', id)).toHaveLength(1);
    expect(await entries('auth.sign_in_failed', id)).toHaveLength(5);
    expect(await entries('auth.lock', id)).toHaveLength(1);
    const unknown = (await entries('auth.sign_in_failed')).filter((e) => e.object_id === null);
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    // Account events belong to no funder: the account spans several.
    expect((await entries('auth.sign_in', id))[0]!.funder_id).toBeNull();

    const { rows } = await t.database.db.execute<{ e: string }>(
      sql`SELECT row_to_json(a)::text AS e FROM audit_entries a`,
    );
    const all = rows.map((r) => r.e).join('\n');
    for (const secret of [DEMO_PASSWORD, token, ok.json().csrfToken, ...guesses, 'inconnu@mandataire.test']) {
      expect(all).not.toContain(secret);
    }
    const verified = await audit.verify(t.database.db);
    expect(verified.ok).toBe(true);

    // The address is kept as a keyed hash: the same address, the same source; but hashing
    // every IPv4 address as the journal's plain hash did finds nothing.
    const failures = await entries('auth.sign_in_failed', id);
    const sources = new Set(failures.map((e) => e.summary.source));
    expect(sources.size).toBe(1);
    const [source] = [...sources] as [string];
    expect(source).toMatch(/^[0-9a-f]{16}$/);
    for (const text of ['10.23.0.2', 'login 10.23.0.2']) {
      expect(createHash('sha256').update(text).digest('hex').slice(0, 16)).not.toBe(source);
    }
  });

  it('shows the account events to the platform admin, in the platform trail, and to no funder', async () => {
    await login('lecteur@hautsdefrance.test', 'devinette-pour-le-journal', '10.23.1.1');
    const platform = await signInAs('admin@pass-numerique.test');
    const page = await platform.request('GET', '/api/v1/audit?limit=200');
    expect(page.statusCode).toBe(200);
    const actions = page.json().entries.map((e: { action: string }) => e.action);
    expect(actions).toContain('auth.sign_in');
    expect(actions).toContain('auth.sign_in_failed');
    const funderAdmin = await signInAs('financeur@hautsdefrance.test');
    expect((await funderAdmin.request('GET', '/api/v1/audit')).statusCode).toBe(403);
    const funderId = funderAdmin.session.memberships[0]!.funderId!;
    const own = await funderAdmin.request('GET', `/api/v1/funders/${funderId}/audit?limit=200`);
    expect(own.json().entries.map((e: { action: string }) => e.action)).not.toContain('auth.sign_in');
  });

  it('ends the session on the server at sign-out whatever the request carries', async () => {
    for (const headers of [{}, { 'x-csrf-token': 'perime' }]) {
      const c = await signInAs('financeur@hautsdefrance.test');
      const out = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        cookies: { pn_session: c.cookie },
        headers,
      });
      expect(out.statusCode).toBe(204);
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        cookies: { pn_session: c.cookie },
      });
      expect(me.statusCode).toBe(401);
    }
  });

  it('records the creation and revocation of an API key without its secret', async () => {
    const placeAdmin = await signInAs('lieu@hautsdefrance.test');
    const placeId = placeAdmin.session.memberships[0]!.organisationId!;
    const created = await placeAdmin.request('POST', `/api/v1/places/${placeId}/api-keys`, {
      label: 'Caisse 2',
    });
    expect(created.statusCode).toBe(201);
    const { id, key, prefix } = created.json();
    const revoked = await placeAdmin.request('POST', `/api/v1/places/${placeId}/api-keys/${id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(await entries('api_key.create', id)).toHaveLength(1);
    expect(await entries('api_key.revoke', id)).toHaveLength(1);
    const { rows } = await t.database.db.execute<{ e: string }>(
      sql`SELECT row_to_json(a)::text AS e FROM audit_entries a`,
    );
    expect(rows.map((r) => r.e).join('\n')).not.toContain(key.slice(`pn_${prefix}_`.length));
  });
});
