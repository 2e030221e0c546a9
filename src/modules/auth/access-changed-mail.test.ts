import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { render } from '../notifications/templates/index.js';

/*
 * The person whose access a team's admin ends, or whose role they change, is e-mailed in the
 * same transaction: before, they learnt it by finding the space gone from their console, and a
 * change nobody asked for went unseen by the one it concerned. On the demo: Camille Martin
 * keeps the Région Hauts-de-France's team, Thomas Petit the Médiathèque Louis Aragon's.
 */
let t: TestApp;
let camille: Client;
let thomas: Client;
let funderId: string;
let placeId: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  camille = await signIn(t.app, 'financeur@hautsdefrance.test');
  thomas = await signIn(t.app, 'lieu@hautsdefrance.test');
  funderId = camille.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
  placeId = thomas.session.memberships.find((m) => m.role === 'place_admin')!.organisationId!;
}, 60_000);
afterAll(async () => t?.close());

async function mailsTo(email: string) {
  const { rows } = await t.database.pool.query(
    `SELECT params FROM notification_outbox WHERE template = 'access_changed' AND recipient = $1
      ORDER BY created_at, id`,
    [email],
  );
  return rows.map((r) => render('access_changed', r.params, { publicUrl: 'https://pass.example.fr' }));
}

async function membershipOf(admin: Client, teamUrl: string, email: string): Promise<string> {
  const res = await admin.request('GET', teamUrl);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().find((m: { email: string }) => m.email === email).membershipId;
}

describe('a person whose access or role a team’s admin changed', () => {
  it('is told their new role, or that their access to the funder ended, by whom and when', async () => {
    await newAccount(t, { funderId, email: 'stagiaire@hautsdefrance.test', role: 'funder_viewer' });
    await newAccount(t, { funderId, email: 'parti@hautsdefrance.test', role: 'funder_viewer' });
    const team = `/api/v1/funders/${funderId}/members`;
    const trainee = await membershipOf(camille, team, 'stagiaire@hautsdefrance.test');
    const made = await camille.request('POST', `${team}/${trainee}/role`, { role: 'funder_admin' });
    expect(made.statusCode, made.body).toBe(200);
    const leaver = await membershipOf(camille, team, 'parti@hautsdefrance.test');
    expect((await camille.request('POST', `${team}/${leaver}/end`)).statusCode).toBe(200);

    const [role, ...more] = await mailsTo('stagiaire@hautsdefrance.test');
    expect(more).toEqual([]);
    expect(role!.subject).toBe('Votre rôle pour Région Hauts-de-France a changé');
    expect(role!.text).toMatch(
      /Camille Martin vous a donné le .+ le rôle « administrateur du financeur » pour Région Hauts-de-France/,
    );
    expect(role!.text).toContain('https://pass.example.fr/');
    const [ended] = await mailsTo('parti@hautsdefrance.test');
    expect(ended!.subject).toBe('Votre accès à Région Hauts-de-France a pris fin');
    expect(ended!.text).toMatch(/Camille Martin a retiré le .+ votre accès à Région Hauts-de-France/);
  });

  it('is told by the place’s name when its admin ends their access, and a prescriber’s agent by the prescriber’s', async () => {
    const team = `/api/v1/places/${placeId}/members`;
    const lucie = await membershipOf(thomas, team, 'benevole@hautsdefrance.test');
    expect((await thomas.request('POST', `${team}/${lucie}/end`)).statusCode).toBe(200);
    const [placeMail] = await mailsTo('benevole@hautsdefrance.test');
    expect(placeMail!.subject).toBe('Votre accès à Médiathèque Louis Aragon a pris fin');
    expect(placeMail!.text).toContain('Thomas Petit a retiré');

    const prescribers = (await camille.request('GET', `/api/v1/funders/${funderId}/prescribers`)).json();
    const missionLocale = prescribers.find((p: { name: string }) => /Mission locale/.test(p.name));
    const agentTeam = `/api/v1/funders/${funderId}/members`;
    const { rows } = await t.database.pool.query(
      `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE u.email = 'prescripteur@hautsdefrance.test' AND m.ended_at IS NULL`,
    );
    expect((await camille.request('POST', `${agentTeam}/${rows[0].id}/end`)).statusCode).toBe(200);
    const [agentMail] = await mailsTo('prescripteur@hautsdefrance.test');
    expect(agentMail!.subject).toBe(`Votre accès à ${missionLocale.name} a pris fin`);
  });

  it('is not e-mailed when the change is refused', async () => {
    // Thomas cannot end his own access, nor a funder's admin end a place's people: nothing is sent.
    const team = `/api/v1/places/${placeId}/members`;
    const own = await membershipOf(thomas, team, 'lieu@hautsdefrance.test');
    const mediator = await membershipOf(thomas, team, 'mediateur@hautsdefrance.test');
    expect((await thomas.request('POST', `${team}/${own}/end`)).statusCode).toBe(409);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('POST', `${team}/${mediator}/end`)).statusCode).toBe(404);
    expect(await mailsTo('lieu@hautsdefrance.test')).toEqual([]);
    expect(await mailsTo('mediateur@hautsdefrance.test')).toEqual([]);
  });
});
