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
