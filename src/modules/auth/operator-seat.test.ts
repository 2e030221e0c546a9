import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { createPlatformAdmin } from './service.js';

// A helpdesk tester, signed in as the platform admin, invited its own address as a funder admin
// of the Région, joined, downloaded a batch's pass codes and approved a payment run as the
// « second pair of eyes ». The operator creates funders and reads to support them; it never
// runs a programme, takes the printer's file or approves a payment: its account joins no team.
let t: TestApp;
let admin: Client;
let funderAdmin: Client;
let funderId: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await signIn(t.app, 'admin@pass-numerique.test');
  funderAdmin = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = funderAdmin.session.memberships[0]!.funderId!;
});
afterAll(() => t.close());

const invite = (by: Client, email: string, role = 'funder_admin') =>
  by.request('POST', `/api/v1/funders/${funderId}/invitations`, { email, role });

async function seatsOf(email: string) {
  const { rows } = await t.database.pool.query(
    `SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND m.ended_at IS NULL ORDER BY m.role`,
    [email],
  );
  return rows.map((r) => r.role);
}

describe("the platform operator's account", () => {
  it('cannot be invited into a funder’s team, by itself or by the funder', async () => {
    for (const by of [admin, funderAdmin]) {
      const res = await invite(by, 'admin@pass-numerique.test');
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('operator_account');
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'email' })]);
    }
    expect(await seatsOf('admin@pass-numerique.test')).toEqual(['platform_admin']);
  });

  it('cannot be a new funder’s first admin, and no funder is created', async () => {
    const res = await admin.request('POST', '/api/v1/funders', {
      name: 'Communauté de communes du Pays de Montmédy',
      kind: 'epci',
      siret: '812 345 678 00013',
      territory: [{ level: 'epci', code: '245501259' }],
      firstAdminEmail: 'Admin@Pass-Numerique.test',
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('operator_account');
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'firstAdminEmail' })]);
    const { rows } = await t.database.pool.query(`SELECT 1 FROM funders WHERE name LIKE '%Montmédy%'`);
    expect(rows).toHaveLength(0);
  });

  it('cannot join with an invitation sent before its address became an operator’s', async () => {
    const email = 'support@operateur.test';
    const sent = await invite(funderAdmin, email, 'funder_viewer');
    expect(sent.statusCode).toBe(201);
    const token = sent.json().invitationUrl.split('/invitation/')[1];
    await createPlatformAdmin(t.database.db, {
      email,
      displayName: 'Support opérateur',
      password: 'une phrase de passe bien longue 2026',
    });
    const operator = await signIn(t.app, email, 'une phrase de passe bien longue 2026');
    const joined = await operator.request('POST', `/api/v1/invitations/${token}/join`);
    expect(joined.statusCode, joined.body).toBe(409);
    expect(joined.json().code).toBe('operator_account');
    expect(await seatsOf(email)).toEqual(['platform_admin']);
  });

  it('is kept out of every team by the database too', async () => {
    const { rows } = await t.database.pool.query(
      `SELECT id FROM users WHERE email = 'admin@pass-numerique.test'`,
    );
    await expect(
      t.database.pool.query(
        `INSERT INTO memberships (user_id, role, funder_id) VALUES ($1, 'funder_admin', $2)`,
        [rows[0].id, funderId],
      ),
    ).rejects.toThrow(/platform/);
    // Nor does a member of a team become the operator.
    const { rows: agent } = await t.database.pool.query(
      `SELECT id FROM users WHERE email = 'financeur@hautsdefrance.test'`,
    );
    await expect(
      t.database.pool.query(`INSERT INTO memberships (user_id, role) VALUES ($1, 'platform_admin')`, [
        agent[0].id,
      ]),
    ).rejects.toThrow(/platform/);
  });
});

// A support agent, signed in as the platform admin, invited an address of his own as a funder
// admin of the Région (201, its link shown), accepted it and could then take the printer's
// file: nobody at the Région was told. The operator sets a funder up (its first admin) and
// rescues one left with no admin who can act; any other seat is the funder's own admins' to give.
describe('whom the platform operator may invite to a funder', () => {
  const invitationsTo = async (email: string) =>
    (await t.database.pool.query(`SELECT role FROM invitations WHERE email = $1`, [email])).rows;

  it('not a second admin while the funder has one who can act', async () => {
    const res = await invite(admin, 'support-perso@exemple.fr');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('funder_runs_its_team');
    expect(res.json().detail).toMatch(/Région Hauts-de-France.*a déjà un administrateur/);
    expect(await invitationsTo('support-perso@exemple.fr')).toEqual([]);
  });

  it('nobody but an admin: a viewer is the funder admins’ to invite', async () => {
    const res = await invite(admin, 'lecteur-support@exemple.fr', 'funder_viewer');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('operator_invites_admins_only');
    expect(await invitationsTo('lecteur-support@exemple.fr')).toEqual([]);
  });

  it('nor takes a link of the funder’s invitations by sending it again', async () => {
    for (const role of ['funder_viewer', 'funder_admin']) {
      const email = `renvoi-${role}@exemple.fr`;
      expect((await invite(funderAdmin, email, role)).statusCode).toBe(201);
      const list = await admin.request('GET', `/api/v1/funders/${funderId}/invitations`);
      const inv = (list.json() as { id: string; email: string }[]).find((i) => i.email === email)!;
      const res = await admin.request('POST', `/api/v1/funders/${funderId}/invitations/${inv.id}/resend`);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe(
        role === 'funder_admin' ? 'funder_runs_its_team' : 'operator_invites_admins_only',
      );
      expect(res.json().invitationUrl).toBeUndefined();
    }
  });

  it('the first admin of a new funder, and a new one once no admin can act (journalled why)', async () => {
    const created = await admin.request('POST', '/api/v1/funders', {
      name: 'Commune de Saint-Riquier-sur-Test',
      kind: 'commune',
      siret: '21800021300015',
      territory: [{ level: 'commune', code: '80021' }],
      firstAdminEmail: 'maire@saint-riquier.test',
    });
    expect(created.statusCode, created.body).toBe(201);
    const newFunder = created.json().funder.id as string;
    const inviteTo = (email: string, role = 'funder_admin') =>
      admin.request('POST', `/api/v1/funders/${newFunder}/invitations`, { email, role });
    // Nobody joined yet: the operator may still set it up (a mistyped address, a lost link).
    expect((await inviteTo('secretaire@saint-riquier.test')).statusCode).toBe(201);
    expect((await inviteTo('agent@saint-riquier.test', 'funder_viewer')).json().code).toBe(
      'operator_invites_admins_only',
    );
    const mayor = await acceptedBy(created.json().invitationUrl);
    expect(mayor.memberships).toEqual([expect.objectContaining({ role: 'funder_admin' })]);
    const refused = await inviteTo('autre@saint-riquier.test');
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('funder_runs_its_team');
    // Its one admin's account cut off: the operator brings it a new admin.
    const off = await admin.request('POST', '/api/v1/admin/accounts/disable', {
      email: 'maire@saint-riquier.test',
      reason: 'Compte compromis',
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await inviteTo('nouveau-maire@saint-riquier.test')).statusCode).toBe(201);
    const { rows } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE funder_id = $1 AND action = 'invitation.create' ORDER BY id`,
      [newFunder],
    );
    expect(rows.map((r) => r.summary.byOperator)).toEqual(['first_admin', 'first_admin', 'rescue']);
    expect(rows.map((r) => r.summary.adminsEmailed)).toEqual([0, 0, 0]);
  });
});

async function acceptedBy(invitationUrl: string) {
  const token = invitationUrl.split('/invitation/')[1]!;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${token}/accept`,
    payload: { displayName: 'Maire', password: 'une phrase de passe bien longue 2026' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { memberships: { role: string }[] };
}
