import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationOutbox, passwordResets, users } from '../../db/schema/index.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { afterAnswerFor } from '../../http/after-answer.js';
import { sessionOf, TEST_PASSWORD } from '../../test/accounts.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { waitForLockWaits } from '../../test/locks.js';
import { tokenHash } from './tokens.js';

let t: TestApp;
let nextAddress = 1;
const freshAddress = () => `10.7.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
}, 60_000);
afterAll(() => t.close());

const send = (email: string, remoteAddress = freshAddress()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email }, remoteAddress });
/** A request, and the link and e-mail it writes once answered. */
const ask = async (email: string, remoteAddress?: string) => {
  const res = await send(email, remoteAddress);
  await afterAnswerFor(t.database.db).settled();
  return res;
};
const confirm = (token: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password-reset/confirm',
    payload: { token, password },
    remoteAddress: freshAddress(),
  });
/** What the link's page asks on opening: may this link still be used? */
const check = (token: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/auth/password-reset/${encodeURIComponent(token)}`,
    remoteAddress: freshAddress(),
  });
/** A token of the platform's shape (43 base64url characters) that it never issued. */
const NEVER_ISSUED = 'A'.repeat(43);
const resetMails = (to: string) =>
  t.database.db
    .select()
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.recipient, to), eq(notificationOutbox.template, 'password_reset')))
    .orderBy(notificationOutbox.createdAt, notificationOutbox.id);
const auditActions = async (email: string) =>
  (
    await t.database.db.execute<{ action: string }>(sql`
      SELECT a.action FROM audit_entries a JOIN users u ON u.id::text = a.object_id
       WHERE u.email = ${email} AND a.action LIKE 'auth.password_reset%' ORDER BY a.id`)
  ).rows.map((r) => r.action);

describe('password reset by e-mail', () => {
  it('answers alike for an unknown address and a known one, and e-mails a link only to the account', async () => {
    const unknown = await ask('personne@inconnu.test');
    const known = await ask('Lecteur@HautsDeFrance.test');
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    expect(known.json().message).toContain('Si vous avez un compte');
    // This server has no SMTP_URL: it must not claim an e-mail was sent, and says who has the link.
    expect(known.json()).toMatchObject({ sentByEmail: false });
    expect(known.json().message).not.toContain('courriel vient de lui être envoyé');
    expect(known.json().message).toContain('la structure qui vous a accompagné');
    expect(await resetMails('personne@inconnu.test')).toHaveLength(0);
    const [mail] = await resetMails('lecteur@hautsdefrance.test');
    expect(mail).toMatchObject({ status: 'queued' });
    // The database keeps the token's hash only (the e-mail carries it until sent).
    const token = (mail!.params as { token: string }).token;
    const [user] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'lecteur@hautsdefrance.test'));
    const rows = await t.database.db.select().from(passwordResets).where(eq(passwordResets.userId, user!.id));
    expect(rows.map((r) => r.tokenHash)).toEqual([tokenHash(token)]);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(3_600_000);
    // The e-mail is not sent after its link's hour (the SMTP server down meanwhile).
    const late = mail!.sendBefore!.getTime() - rows[0]!.expiresAt.getTime();
    expect(Math.abs(late)).toBeLessThan(60_000);
  });

  it('answers before writing the link, so that how long it takes tells nothing of the account', async () => {
    const email = 'financeur@pasdecalais.test';
    // While this test holds the links' table, no link can be written: a request that waited
    // for its link would not be answered until the table is let go.
    const holder = await t.database.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE password_resets IN ACCESS EXCLUSIVE MODE');
      const [known, unknown] = await Promise.all([send(email), send('personne-2@inconnu.test')]);
      expect(known.statusCode).toBe(202);
      expect(known.json()).toEqual(unknown.json());
      await waitForLockWaits(t.database.pool, 1);
      expect(await resetMails(email)).toHaveLength(0);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    await afterAnswerFor(t.database.db).settled();
    expect(await resetMails(email)).toHaveLength(1);
    expect(await resetMails('personne-2@inconnu.test')).toHaveLength(0);
  });

  it('sets a new password once with the link, checked by the password rules, and ends the sessions', async () => {
    const email = 'prescripteur@hautsdefrance.test';
    const before = await sessionOf(t, email, DEMO_PASSWORD);
    await ask(email);
    const token = ((await resetMails(email))[0]!.params as { token: string }).token;

    // The page asks on opening whether the link works (it said so only after the form), and
    // asking changes nothing.
    expect((await check(token)).statusCode).toBe(204);
    expect((await check(token)).statusCode).toBe(204);
    const unknown = await check(NEVER_ISSUED);
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'password_reset_invalid']);

    const weak = await confirm(token, 'motdepasse');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].field).toBe('password');

    expect((await confirm(token, TEST_PASSWORD)).statusCode).toBe(204);
    expect((await before.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    await expect(sessionOf(t, email, DEMO_PASSWORD)).rejects.toThrow();
    await sessionOf(t, email, TEST_PASSWORD);

    const reused = await confirm(token, 'Un-Autre-Mot-De-Passe-2026!');
    expect(reused.statusCode).toBe(400);
    expect((await check(token)).json()).toMatchObject({ code: 'password_reset_invalid' });
    expect(reused.json()).toMatchObject({ code: 'password_reset_invalid' });
    expect(reused.json().detail).toContain('demandez-en un nouveau');
    expect(await auditActions(email)).toEqual(['auth.password_reset_request', 'auth.password_reset']);
  });

  // The lock's message says « demandez un nouveau mot de passe »: the link proves the mailbox,
  // the lock guards against guessing, so the password set through it opens the account at once.
  it('lifts the sign-in lock of the account with the password set through the link', async () => {
    const email = 'financeur@paysdeverdun.test';
    const office = '10.6.0.1';
    const signIn = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: office,
        payload: { email, password },
      });
    for (let i = 0; i < 5; i++) await signIn(`pas-le-bon-${i}-mot-de-passe`);
    expect((await signIn(DEMO_PASSWORD)).statusCode, 'locked').toBe(401);
    const operator = await sessionOf(t, 'admin@pass-numerique.test', DEMO_PASSWORD);
    const lookUp = async () =>
      (await operator.request('GET', `/api/v1/admin/accounts?email=${encodeURIComponent(email)}`)).json();
    expect((await lookUp()).account.lock).not.toBeNull();

    await ask(email);
    const token = ((await resetMails(email))[0]!.params as { token: string }).token;
    expect((await confirm(token, TEST_PASSWORD)).statusCode).toBe(204);
    expect((await signIn(TEST_PASSWORD)).statusCode).toBe(200);
    expect((await lookUp()).account.lock).toBeNull();
  });

  it('withdraws the e-mails whose links stopped working before they left', async () => {
    // Two links asked while the e-mail waits (no SMTP here, or a backlog): the password set
    // with one spends both, and neither e-mail may still leave with a dead link.
    const email = 'mediateur@hautsdefrance.test';
    const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
    expect(user, 'a demo account').toBeDefined();
    await ask(email);
    await ask(email);
    const [first, second] = await resetMails(email);
    expect([first!.status, second!.status]).toEqual(['queued', 'queued']);
    expect((await confirm((second!.params as { token: string }).token, TEST_PASSWORD)).statusCode).toBe(204);
    const after = await resetMails(email);
    expect(after.map((m) => [m.status, 'token' in m.params])).toEqual([
      ['withdrawn', false],
      ['withdrawn', false],
    ]);

    // The account disabled by the operator: the link asked just before goes with it.
    await ask(email);
    const operator = await sessionOf(t, 'admin@pass-numerique.test', DEMO_PASSWORD);
    const disabled = await operator.request('POST', '/api/v1/admin/accounts/disable', {
      email,
      reason: 'Départ de la personne',
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().spentResetLinks).toBe(1);
    expect((await resetMails(email)).map((m) => m.status)).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);
  });

  it('refuses a link after an hour, and an unknown one, alike', async () => {
    const email = 'benevole@hautsdefrance.test';
    await ask(email);
    const token = ((await resetMails(email))[0]!.params as { token: string }).token;
    await t.database.db.execute(
      sql`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE token_hash = ${tokenHash(token)}`,
    );
    expect((await confirm(token, TEST_PASSWORD)).json().code).toBe('password_reset_invalid');
    expect((await confirm(NEVER_ISSUED, TEST_PASSWORD)).json().code).toBe('password_reset_invalid');
  });

  it('tells a link cut short when copied from one that expired, and a well-formed unknown one as before', async () => {
    const email = 'operateur@mandataire.test';
    await ask(email);
    const token = ((await resetMails(email))[0]!.params as { token: string }).token;
    const incomplete = 'Ce lien est incomplet : copiez-le en entier depuis le message reçu.';
    for (const cut of [token.slice(0, 30), token.slice(0, -1), `${token.slice(0, 20)} ${token.slice(21)}`]) {
      const opened = await check(cut);
      expect([opened.statusCode, opened.json().code, opened.json().detail]).toEqual([
        400,
        'link_incomplete',
        incomplete,
      ]);
      const used = await confirm(cut, TEST_PASSWORD);
      expect([used.statusCode, used.json().code]).toEqual([400, 'link_incomplete']);
    }
    // A token of the right shape that matches nothing: « expiré ou déjà servi », as before.
    const unknown = await check(NEVER_ISSUED);
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'password_reset_invalid']);
    // The link cut short was not spent by those tries: whole, it still works.
    expect((await check(token)).statusCode).toBe(204);
  });

  it('sends at most three links an hour to one address, whatever the network address', async () => {
    const email = 'lieu@hautsdefrance.test';
    for (let i = 0; i < 5; i++) expect((await ask(email)).statusCode).toBe(202);
    expect(await resetMails(email)).toHaveLength(3);
  });

  it('refuses what is no e-mail address, at its field, instead of saying the request is recorded', async () => {
    const res = await send('jeannine');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'email', message: expect.stringContaining('Adresse électronique invalide') },
    ]);
  });

  it('limits the requests of one network address', async () => {
    const address = '10.8.0.1';
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await ask(`x${i}@inconnu.test`, address));
    expect(answers.slice(0, 5).map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202]);
    const refused = answers.at(-1)!;
    expect(refused.statusCode).toBe(429);
    // It says how long to wait: what is left of the minute the limit counts in.
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.json()).toMatchObject({ code: 'rate_limited', retryAfterS: wait });
    expect(refused.json().detail).toBe(
      `Trop de tentatives. Veuillez patienter ${wait === 60 ? '1 minute' : `${wait} seconde${wait > 1 ? 's' : ''}`} avant de réessayer.`,
    );
  });
});

describe('invitations by e-mail', () => {
  it('enqueues the invitation in the same transaction, with its link, and keeps showing the link', async () => {
    const admin = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
    const funderId = admin.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
    const res = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'Nouvelle.Lectrice@Exemple.fr',
      role: 'funder_viewer',
    });
    expect(res.statusCode).toBe(201);
    const token = res.json().invitationUrl.split('/invitation/')[1];
    const [mail] = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.recipient, 'nouvelle.lectrice@exemple.fr'));
    expect(mail).toMatchObject({ template: 'invitation', status: 'queued', funderId });
    expect(mail!.params).toMatchObject({
      organisationName: 'Région Hauts-de-France',
      roleLabel: 'lecteur du financeur',
      token,
    });
    expect((mail!.params as { invitedBy?: string }).invitedBy).toBeTruthy();

    // A refused invitation writes no e-mail.
    const refused = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'refusee@exemple.fr',
      role: 'place_agent',
    });
    expect(refused.statusCode).toBe(422);
    expect(
      await t.database.db
        .select()
        .from(notificationOutbox)
        .where(eq(notificationOutbox.recipient, 'refusee@exemple.fr')),
    ).toHaveLength(0);
  });
});
