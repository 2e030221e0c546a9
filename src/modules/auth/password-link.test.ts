import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterAnswerFor } from '../../http/after-answer.js';
import { newAccount, sessionOf } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { tokenHash } from './tokens.js';

/*
 * On a server without e-mail (no SMTP_URL), « Mot de passe oublié » sends nothing: a team's
 * admin prepares a one-time link for a colleague, to hand over in person. Only for a person whose
 * every role is in the team: whoever holds the link holds the account. On the demo's Région
 * Hauts-de-France (its admin Camille Martin) and its Médiathèque (its admin lieu@…).
 */
let t: TestApp;
let admin: Client;
let placeAdmin: Client;
let funderId: string;
let otherFunderId: string;
let placeId: string;
let otherPlaceId: string;
let nextAddress = 1;
const freshAddress = () => `10.8.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
const q = <T>(text: string, values: unknown[] = []) =>
  t.database.pool.query(text, values).then((r) => r.rows as T[]);
const idOf = async (text: string, values: unknown[] = []) => (await q<{ id: string }>(text, values))[0]!.id;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = admin.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
  placeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
  placeId = placeAdmin.session.memberships.find((m) => m.role === 'place_admin')!.organisationId!;
  otherFunderId = await idOf("SELECT id FROM funders WHERE name = 'Département du Pas-de-Calais'");
  otherPlaceId = await idOf(
    "SELECT id FROM organisations WHERE name = 'Espace numérique de Boulogne-sur-Mer'",
  );
}, 60_000);
afterAll(async () => t?.close());

type Team = { funderId: string } | { placeId: string };
const base = (team: Team) =>
  'funderId' in team ? `/api/v1/funders/${team.funderId}` : `/api/v1/places/${team.placeId}`;
const membershipOf = async (email: string, team: Team) => {
  const [row] = await q<{ id: string }>(
    `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE u.email = $1 AND m.ended_at IS NULL AND m.role <> 'beneficiary' AND ${'funderId' in team ? 'm.funder_id' : 'm.organisation_id'} = $2`,
    [email, 'funderId' in team ? team.funderId : team.placeId],
  );
  return row!.id;
};
const issue = async (by: Client, team: Team, email: string) =>
  by.request('POST', `${base(team)}/members/${await membershipOf(email, team)}/password-link`);
/** A second role for the account, as an invitation accepted elsewhere leaves it. */
const alsoHolds = (email: string, role: string, funder: string | null, organisation: string | null) =>
  q(
    `INSERT INTO memberships (user_id, role, funder_id, organisation_id)
     SELECT id, $2, $3, $4 FROM users WHERE email = $1`,
    [email, role, funder, organisation],
  );
const tokenOf = (url: string) => url.split('/mot-de-passe/nouveau/')[1]!;
const check = (token: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/auth/password-reset/${encodeURIComponent(token)}`,
    remoteAddress: freshAddress(),
  });
const confirm = (token: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password-reset/confirm',
    payload: { token, password },
    remoteAddress: freshAddress(),
  });

describe('a password link prepared by a funder’s admin', () => {
  it('works once to choose a password, the earlier links stop, shown once and journaled', async () => {
    const email = 'oubli@hautsdefrance.test';
    await newAccount(t, { funderId, email, role: 'funder_viewer' });
    // An earlier link, e-mailed by « Mot de passe oublié » (it waits in the outbox: no SMTP here).
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email },
      remoteAddress: freshAddress(),
    });
    await afterAnswerFor(t.database.db).settled();
    const [earlier] = await q<{ id: string; params: { token: string } }>(
      `SELECT id, params FROM notification_outbox WHERE recipient = $1 AND template = 'password_reset'`,
      [email],
    );
    expect((await check(earlier!.params.token)).statusCode).toBe(204);

    // The list offers the link on her line, not on the admin's own.
    const list = (await admin.request('GET', `${base({ funderId })}/members`)).json();
    expect(list.find((m: { email: string }) => m.email === email).passwordLink).toBe(true);
    expect(list.find((m: { you: boolean }) => m.you).passwordLink).toBe(false);

    const res = await issue(admin, { funderId }, email);
    expect(res.statusCode, res.body).toBe(200);
    const { url, expiresAt, ownerEmailed } = res.json();
    expect(url).toMatch(/\/mot-de-passe\/nouveau\/[\w-]{43}$/);
    const minutes = (new Date(expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    // No SMTP: nobody is e-mailed.
    expect(ownerEmailed).toBe(false);
    const token = tokenOf(url);

    // The earlier link no longer works, its e-mail withdrawn; only the hash of the new one is kept.
    expect((await check(earlier!.params.token)).json()).toMatchObject({ code: 'password_reset_invalid' });
    const [mail] = await q<{ status: string }>('SELECT status FROM notification_outbox WHERE id = $1', [
      earlier!.id,
    ]);
    expect(mail!.status).toBe('withdrawn');
    expect(await q('SELECT 1 FROM password_resets WHERE token_hash = $1', [tokenHash(token)])).toHaveLength(
      1,
    );
    const stored = await q<{ row: string }>('SELECT row_to_json(p)::text AS row FROM password_resets p');
    expect(stored.some((r) => r.row.includes(token))).toBe(false);

    // The link works once.
    const newPassword = 'Nouveau-Mot-De-Passe-Solide-2026!';
    expect((await confirm(token, newPassword)).statusCode).toBe(204);
    expect((await confirm(token, 'Encore-Un-Autre-Mot-2026!')).json()).toMatchObject({
      code: 'password_reset_invalid',
    });
    await expect(sessionOf(t, email, newPassword)).resolves.toBeDefined();

    // Journaled in the funder's journal: who prepared it, for whom, and not the link.
    const journal = await q<{ action: string; actor_label: string; summary: object; funder_id: string }>(
      `SELECT a.action, a.actor_label, a.summary, a.funder_id FROM audit_entries a
        JOIN users u ON u.id::text = a.object_id WHERE u.email = $1 AND a.action = 'membership.password_link'`,
      [email],
    );
    expect(journal).toEqual([
      expect.objectContaining({ funder_id: funderId, summary: { email, role: 'funder_viewer' } }),
    ]);
    expect(journal[0]!.actor_label).toBe('financeur@hautsdefrance.test');
    expect(JSON.stringify(journal)).not.toContain(token);
  });

  it('is prepared for a prescriber’s agent of the funder who also sees its space', async () => {
    const email = 'agent-lecteur@hautsdefrance.test';
    const missionLocale = await idOf(
      "SELECT id FROM organisations WHERE funder_id = $1 AND kind = 'prescriber' LIMIT 1",
      [funderId],
    );
    await newAccount(t, { funderId, email, role: 'funder_viewer' });
    await alsoHolds(email, 'prescriber_agent', funderId, missionLocale);
    expect((await issue(admin, { funderId }, email)).statusCode).toBe(200);
  });

  it('is refused for the admin herself, a disabled account, an access ended', async () => {
    const own = await issue(admin, { funderId }, 'financeur@hautsdefrance.test');
    expect(own.statusCode).toBe(409);
    expect(own.json()).toMatchObject({ code: 'own_account', detail: expect.stringContaining('Mon compte') });

    await newAccount(t, { funderId, email: 'coupee@hautsdefrance.test', role: 'funder_viewer' });
    await q(`UPDATE users SET disabled_at = now() WHERE email = 'coupee@hautsdefrance.test'`);
    const disabled = await issue(admin, { funderId }, 'coupee@hautsdefrance.test');
    expect(disabled.json()).toMatchObject({ code: 'account_disabled' });

    await newAccount(t, { funderId, email: 'partie@hautsdefrance.test', role: 'funder_viewer' });
    const membershipId = await membershipOf('partie@hautsdefrance.test', { funderId });
    expect(
      (await admin.request('POST', `${base({ funderId })}/members/${membershipId}/end`)).statusCode,
    ).toBe(200);
    const ended = await admin.request('POST', `${base({ funderId })}/members/${membershipId}/password-link`);
    expect(ended.json()).toMatchObject({ code: 'membership_ended' });
  });

  it('is refused for someone who also belongs elsewhere, sending to the operator, and never for the operator', async () => {
    const cases = [
      ['ailleurs@hautsdefrance.test', 'funder_viewer', otherFunderId, null, 'account_elsewhere'],
      ['aussi-au-lieu@hautsdefrance.test', 'place_agent', null, placeId, 'account_elsewhere'],
      ['beneficiaire-aussi@hautsdefrance.test', 'beneficiary', funderId, null, 'account_elsewhere'],
    ] as const;
    for (const [email, role, funder, organisation, code] of cases) {
      await newAccount(t, { funderId, email, role: 'funder_viewer' });
      await alsoHolds(email, role, funder, organisation);
      const list = (await admin.request('GET', `${base({ funderId })}/members`)).json();
      expect(list.find((m: { email: string }) => m.email === email).passwordLink, email).toBe(false);
      const res = await issue(admin, { funderId }, email);
      expect(res.statusCode, email).toBe(409);
      expect(res.json(), email).toMatchObject({ code, detail: expect.stringContaining('password link') });
    }
    // The platform's operator is in no team (migration 0062): her seat is not found in one.
    const seat = await idOf(
      `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'admin@pass-numerique.test'`,
    );
    expect(
      (await admin.request('POST', `${base({ funderId })}/members/${seat}/password-link`)).statusCode,
    ).toBe(404);
    // Nothing prepared, nothing journaled for any of them.
    expect(
      await q(`SELECT 1 FROM password_resets p JOIN users u ON u.id = p.user_id WHERE u.email = ANY($1)`, [
        cases.map((c) => c[0]),
      ]),
    ).toHaveLength(0);
  });

  it('is the team’s own admins’: not its viewers, another funder’s admin, nor the platform’s operator', async () => {
    await newAccount(t, { funderId, email: 'cible@hautsdefrance.test', role: 'funder_viewer' });
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await issue(viewer, { funderId }, 'cible@hautsdefrance.test')).statusCode).toBe(403);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await issue(other, { funderId }, 'cible@hautsdefrance.test')).statusCode).toBe(404);
    const operator = await signIn(t.app, 'admin@pass-numerique.test');
    const byOperator = await issue(operator, { funderId }, 'cible@hautsdefrance.test');
    expect(byOperator.statusCode).toBe(403);
    expect(byOperator.json().detail).toContain('password link');
    // A membership of another funder's team is not found in this one.
    const theirs = await idOf(
      `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'financeur@pasdecalais.test'`,
    );
    expect(
      (await admin.request('POST', `${base({ funderId })}/members/${theirs}/password-link`)).statusCode,
    ).toBe(404);
    const list = (await operator.request('GET', `${base({ funderId })}/members`)).json();
    expect(list.every((m: { passwordLink: boolean }) => !m.passwordLink)).toBe(true);
  });
});

describe('a password link prepared by a place’s admin', () => {
  it('is for the place’s own people only, journaled for the funders it works with', async () => {
    const email = 'benevole-oubli@mediatheque.test';
    await newAccount(t, { funderId, email, role: 'place_agent', organisationId: placeId });
    const res = await issue(placeAdmin, { placeId }, email);
    expect(res.statusCode, res.body).toBe(200);
    expect((await confirm(tokenOf(res.json().url), 'Benevole-Nouveau-Secret-2026!')).statusCode).toBe(204);
    const journal = await q<{ funder_id: string | null }>(
      `SELECT a.funder_id FROM audit_entries a JOIN users u ON u.id::text = a.object_id
        WHERE u.email = $1 AND a.action = 'membership.password_link'`,
      [email],
    );
    expect(journal.map((j) => j.funder_id)).toContain(funderId);

    // Also at another place: the place's admin does not keep that access.
    const both = 'deux-lieux@mediatheque.test';
    await newAccount(t, { funderId, email: both, role: 'place_agent', organisationId: placeId });
    await alsoHolds(both, 'place_agent', null, otherPlaceId);
    expect((await issue(placeAdmin, { placeId }, both)).json()).toMatchObject({ code: 'account_elsewhere' });

    // The place's agents do not prepare links.
    const agent = await signIn(t.app, 'benevole@hautsdefrance.test');
    expect((await issue(agent, { placeId }, email)).statusCode).toBe(403);
  });
});

describe('with e-mail configured', () => {
  it('tells the account’s owner that a link was prepared, without the link', async () => {
    const mailing = await startTestApp({ demo: true, config: { smtpUrl: 'smtp://127.0.0.1:2525' } });
    try {
      const email = 'prevenue@hautsdefrance.test';
      const by = await signIn(mailing.app, 'financeur@hautsdefrance.test');
      const funderId = by.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
      await newAccount(mailing, { funderId, email, role: 'funder_viewer' });
      const [{ id }] = (
        await mailing.database.pool.query(
          `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1`,
          [email],
        )
      ).rows;
      const res = await by.request('POST', `/api/v1/funders/${funderId}/members/${id}/password-link`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().ownerEmailed).toBe(true);
      const { rows } = await mailing.database.pool.query(
        `SELECT params FROM notification_outbox WHERE recipient = $1 AND template = 'password_link_issued'`,
        [email],
      );
      expect(rows).toEqual([
        {
          params: {
            organisationName: 'Région Hauts-de-France',
            issuedBy: 'Camille Martin',
            issuedOn: expect.any(String),
          },
        },
      ]);
      expect(JSON.stringify(rows)).not.toContain(tokenOf(res.json().url));
    } finally {
      await mailing.close();
    }
  });
});
