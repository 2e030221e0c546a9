import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, TEST_PASSWORD } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { behindHeldRow } from '../../test/locks.js';

/*
 * A funder's admins keep its team: who has access, a colleague's role, the end of the access of
 * someone who left (a colleague, or a prescriber's volunteer), an invitation withdrawn. Before,
 * the team page only invited: nobody's access could ever end. Everything runs on the demo's
 * Région Hauts-de-France, whose admin is Camille Martin (financeur@hautsdefrance.test).
 */
let t: TestApp;
let admin: Client;
let funderId: string;
const q = <T>(text: string, values: unknown[] = []) =>
  t.database.pool.query(text, values).then((r) => r.rows as T[]);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = admin.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
}, 60_000);
afterAll(async () => t?.close());

type Member = { membershipId: string; email: string; role: string; you: boolean; displayName: string };

async function team(): Promise<Member[]> {
  const res = await admin.request('GET', `/api/v1/funders/${funderId}/members`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const memberOf = async (email: string) => (await team()).find((m) => m.email === email);

async function setFourEyes(on: boolean) {
  const res = await admin.request('PATCH', `/api/v1/funders/${funderId}/settings`, { fourEyes: on });
  expect(res.statusCode, res.body).toBe(200);
}

describe('the team of a funder', () => {
  it('lists its admins and viewers, the caller marked, for its admins only', async () => {
    const list = await team();
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'financeur@hautsdefrance.test', role: 'funder_admin', you: true }),
        expect.objectContaining({ email: 'lecteur@hautsdefrance.test', role: 'funder_viewer', you: false }),
      ]),
    );
    // Neither prescribers' agents nor places' people are the funder's staff.
    expect(list.map((m) => m.email)).not.toContain('prescripteur@hautsdefrance.test');
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await viewer.request('GET', `/api/v1/funders/${funderId}/members`)).statusCode).toBe(403);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('GET', `/api/v1/funders/${funderId}/members`)).statusCode).toBe(404);
  });

  it('ends a colleague’s access: their open session loses the funder at once, and it can be given back', async () => {
    const leaver = await newAccount(t, {
      funderId,
      email: 'depart@hautsdefrance.test',
      role: 'funder_viewer',
    });
    expect((await leaver.request('GET', `/api/v1/funders/${funderId}/programs`)).statusCode).toBe(200);
    const m = (await memberOf('depart@hautsdefrance.test'))!;

    const end = await admin.request('POST', `/api/v1/funders/${funderId}/members/${m.membershipId}/end`);
    expect(end.statusCode, end.body).toBe(200);
    expect((await leaver.request('GET', `/api/v1/funders/${funderId}/programs`)).statusCode).toBe(404);
    expect(await memberOf('depart@hautsdefrance.test')).toBeUndefined();

    // Said once: a second end is refused, naming the day, and the journal holds the first.
    const again = await admin.request('POST', `/api/v1/funders/${funderId}/members/${m.membershipId}/end`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'membership_ended',
      detail: expect.stringMatching(/déjà été retiré, le \d{1,2}(er)? \p{L}+ \d{4}\./u),
    });
    const journal = await q<{ action: string; summary: { email: string } }>(
      `SELECT action, summary FROM audit_entries WHERE object_id = $1`,
      [m.membershipId],
    );
    expect(journal).toEqual([
      { action: 'membership.end', summary: expect.objectContaining({ email: 'depart@hautsdefrance.test' }) },
    ]);

    // Invited again, the same person gets access back; the ended membership stays on record.
    const invited = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'depart@hautsdefrance.test',
      role: 'funder_viewer',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = invited.json().invitationUrl.split('/invitation/')[1];
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'depart@hautsdefrance.test', password: TEST_PASSWORD },
    });
    const session = login.json();
    const joined = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/join`,
      cookies: { pn_session: login.cookies.find((c) => c.name === 'pn_session')!.value },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(await memberOf('depart@hautsdefrance.test')).toMatchObject({ role: 'funder_viewer' });
    const rows = await q<{ ended: boolean }>(
      `SELECT m.ended_at IS NOT NULL AS ended FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE u.email = 'depart@hautsdefrance.test' ORDER BY m.created_at`,
    );
    expect(rows).toEqual([{ ended: true }, { ended: false }]);
  });

  it('changes a viewer into an admin and back, what they may do following at once', async () => {
    const colleague = await newAccount(t, {
      funderId,
      email: 'promue@hautsdefrance.test',
      role: 'funder_viewer',
    });
    const invite = () =>
      colleague.request('POST', `/api/v1/funders/${funderId}/invitations`, {
        email: 'stagiaire@hautsdefrance.test',
        role: 'funder_viewer',
      });
    expect((await invite()).statusCode).toBe(403);

    const m = (await memberOf('promue@hautsdefrance.test'))!;
    const up = await admin.request('POST', `/api/v1/funders/${funderId}/members/${m.membershipId}/role`, {
      role: 'funder_admin',
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ email: 'promue@hautsdefrance.test', role: 'funder_admin' });
    expect((await invite()).statusCode).toBe(201);
    // A second admin, on a page loaded before the change, acts on the old line: the person
    // still has access, under their new role, and is not said to have been removed.
    const stale = await admin.request('POST', `/api/v1/funders/${funderId}/members/${m.membershipId}/end`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toMatch(
      /rôle de .* a changé le .* : désormais administrateur du financeur\./u,
    );
    expect(stale.json().detail).not.toContain('retiré');

    // Four eyes on (the default) and two admins: the second cannot be made a viewer.
    await setFourEyes(true);
    const downRefused = await admin.request(
      'POST',
      `/api/v1/funders/${funderId}/members/${up.json().membershipId}/role`,
      { role: 'funder_viewer' },
    );
    expect(downRefused.statusCode).toBe(409);
    expect(downRefused.json()).toMatchObject({
      code: 'last_admin',
      detail: expect.stringContaining('quatre yeux'),
    });

    await setFourEyes(false);
    const down = await admin.request(
      'POST',
      `/api/v1/funders/${funderId}/members/${up.json().membershipId}/role`,
      {
        role: 'funder_viewer',
      },
    );
    expect(down.statusCode, down.body).toBe(200);
    expect((await invite()).statusCode).toBe(403);
    const journal = await q<{ action: string }>(
      `SELECT action FROM audit_entries WHERE action = 'membership.role_change' AND summary->>'email' = 'promue@hautsdefrance.test'`,
    );
    expect(journal).toHaveLength(2);
    await setFourEyes(true);
  });

  it('refuses to change one’s own access or to leave the funder without an admin', async () => {
    const me = (await team()).find((m) => m.you)!;
    const own = await admin.request('POST', `/api/v1/funders/${funderId}/members/${me.membershipId}/end`);
    expect(own.statusCode).toBe(409);
    expect(own.json()).toMatchObject({ code: 'own_membership' });
  });

  it('takes two admins removing each other at the same moment in turn: one of them stays', async () => {
    // Pas-de-Calais has two admins, Julie Lefebvre and Nadia Roussel (an operator).
    const julie = await signIn(t.app, 'financeur@pasdecalais.test');
    const nadia = await signIn(t.app, 'operateur@mandataire.test');
    const pdc = julie.session.memberships[0]!.funderId!;
    const off = await julie.request('PATCH', `/api/v1/funders/${pdc}/settings`, { fourEyes: false });
    expect(off.statusCode, off.body).toBe(200);
    const list = (await julie.request('GET', `/api/v1/funders/${pdc}/members`)).json() as Member[];
    const idOf = (email: string) => list.find((m) => m.email === email)!.membershipId;
    // Both requests must be past their authorisation before either commits, or the later one
    // meets a caller whose access has already ended (a plain 404, not the race under test). The
    // funder's row, held here, stops both at the lock that takes staff changes in turn.
    const [a, b] = await behindHeldRow(
      t.database.pool,
      'SELECT id FROM funders WHERE id = $1 FOR UPDATE',
      [pdc],
      () => [
        julie.request('POST', `/api/v1/funders/${pdc}/members/${idOf('operateur@mandataire.test')}/end`),
        nadia.request('POST', `/api/v1/funders/${pdc}/members/${idOf('financeur@pasdecalais.test')}/end`),
      ],
    );
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json()).toMatchObject({
      code: 'last_admin',
      detail: expect.stringContaining('dernier administrateur'),
    });
    const [admins] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM memberships WHERE funder_id = $1 AND role = 'funder_admin' AND ended_at IS NULL`,
      [pdc],
    );
    expect(admins?.n).toBe(1);
  });

  it('is kept by the database too: a membership is never deleted, changed or left without an admin', async () => {
    const [row] = await q<{ id: string }>(
      `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE u.email = 'financeur@paysdeverdun.test' AND m.ended_at IS NULL`,
    );
    await expect(q('DELETE FROM memberships WHERE id = $1', [row!.id])).rejects.toThrow(/never deleted/);
    await expect(q(`UPDATE memberships SET role = 'funder_viewer' WHERE id = $1`, [row!.id])).rejects.toThrow(
      /only be ended/,
    );
    // Pays de Verdun: two admins under the four-eyes rule, which needs both.
    await expect(q('UPDATE memberships SET ended_at = now() WHERE id = $1', [row!.id])).rejects.toThrow(
      /too few admins/,
    );
  });
});

describe('an admin whose account the platform’s operator disabled', () => {
  // She can no longer sign in: she is not one of the two admins the four-eyes rule needs, and
  // the team sees why her line is still there.
  it('is marked in the team, and her access ends though the funder keeps a single admin who can act', async () => {
    await setFourEyes(true);
    await newAccount(t, { funderId, email: 'partie@hautsdefrance.test', role: 'funder_admin' });
    const operator = await signIn(t.app, 'admin@pass-numerique.test');
    const disabled = await operator.request('POST', '/api/v1/admin/accounts/disable', {
      email: 'partie@hautsdefrance.test',
      reason: 'Départ de la personne',
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const her = (await memberOf('partie@hautsdefrance.test'))!;
    expect(her).toMatchObject({ role: 'funder_admin', disabledAt: disabled.json().disabledAt });
    expect(await memberOf('financeur@hautsdefrance.test')).toMatchObject({ disabledAt: null });
    const enabledAdmins = await q<{ email: string }>(
      `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.funder_id = $1 AND m.role = 'funder_admin' AND m.ended_at IS NULL AND u.disabled_at IS NULL`,
      [funderId],
    );
    expect(enabledAdmins.map((r) => r.email)).toEqual(['financeur@hautsdefrance.test']);

    // Nor is the one admin who can act removed because the disabled one still counted.
    const me = (await team()).find((m) => m.you)!;
    await expect(
      q('UPDATE memberships SET ended_at = now() WHERE id = $1', [me.membershipId]),
    ).rejects.toThrow(/too few admins/);
    const end = await admin.request('POST', `/api/v1/funders/${funderId}/members/${her.membershipId}/end`);
    expect(end.statusCode, end.body).toBe(200);
    expect(await memberOf('partie@hautsdefrance.test')).toBeUndefined();
  });
});

describe('the invitations of a colleague who may no longer invite', () => {
  // An invitation stands for its sender's right to invite: an admin invitation sent by someone
  // no longer admin still made an admin of whoever accepted it.
  it('are withdrawn with her admin role or her access, journaled, and the answer says how many', async () => {
    await setFourEyes(false);
    const email = 'inviteuse@hautsdefrance.test';
    const her = await newAccount(t, { funderId, email, role: 'funder_admin' });
    const inviteAs = async (to: string) => {
      const res = await her.request('POST', `/api/v1/funders/${funderId}/invitations`, {
        email: to,
        role: 'funder_admin',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().invitationUrl.split('/invitation/')[1] as string;
    };
    const view = (token: string) => t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    // Camille's own invitation is not hers to lose.
    const camilles = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'invitee-de-camille@exemple.test',
      role: 'funder_viewer',
    });
    const first = await inviteAs('invitee-admin-1@exemple.test');

    const lowered = await admin.request(
      'POST',
      `/api/v1/funders/${funderId}/members/${(await memberOf(email))!.membershipId}/role`,
      { role: 'funder_viewer' },
    );
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect(lowered.json()).toMatchObject({ role: 'funder_viewer', withdrawnInvitations: 1 });
    expect((await view(first)).statusCode).toBe(410);
    expect((await view(camilles.json().invitationUrl.split('/invitation/')[1])).statusCode).toBe(200);
    const [entry] = await q<{ summary: { email: string; reason: string; invitedBy: string } }>(
      `SELECT summary FROM audit_entries WHERE action = 'invitation.withdraw' AND summary->>'email' = $1`,
      ['invitee-admin-1@exemple.test'],
    );
    expect(entry?.summary.reason).toContain('n’a plus le rôle qui permet d’inviter');

    const raised = await admin.request(
      'POST',
      `/api/v1/funders/${funderId}/members/${(await memberOf(email))!.membershipId}/role`,
      { role: 'funder_admin' },
    );
    expect(raised.json()).toMatchObject({ role: 'funder_admin', withdrawnInvitations: 0 });
    const second = await inviteAs('invitee-admin-2@exemple.test');
    const ended = await admin.request(
      'POST',
      `/api/v1/funders/${funderId}/members/${(await memberOf(email))!.membershipId}/end`,
    );
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toEqual({ withdrawnInvitations: 1 });
    expect((await view(second)).statusCode).toBe(410);
  });
});

describe('an invitation to someone who already has access, or sent again', () => {
  it('is refused when the person already has access, pointing to the role change', async () => {
    const same = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'Lecteur@hautsdefrance.test',
      role: 'funder_viewer',
    });
    expect(same.statusCode).toBe(409);
    expect(same.json()).toMatchObject({
      code: 'already_member',
      detail:
        'Dominique Leroy (lecteur@hautsdefrance.test) a déjà accès à Région Hauts-de-France comme lecteur du financeur.',
      errors: [{ field: 'email' }],
    });
    const other = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'lecteur@hautsdefrance.test',
      role: 'funder_admin',
    });
    expect(other.json().detail).toContain('changez son rôle dans la liste de l’équipe');
    // Nor oneself.
    const self = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'financeur@hautsdefrance.test',
      role: 'funder_viewer',
    });
    expect(self.json().code).toBe('already_member');
  });

  it('replaces the one still waiting: one link works at a time', async () => {
    const send = () =>
      admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
        email: 'lien-perdu@hautsdefrance.test',
        role: 'funder_viewer',
      });
    const first = (await send()).json().invitationUrl.split('/invitation/')[1];
    const second = (await send()).json().invitationUrl.split('/invitation/')[1];
    const view = (token: string) => t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect((await view(first)).statusCode).toBe(410);
    expect((await view(second)).statusCode).toBe(200);
    const waiting = (await admin.request('GET', `/api/v1/funders/${funderId}/invitations`)).json() as {
      email: string;
    }[];
    expect(waiting.filter((i) => i.email === 'lien-perdu@hautsdefrance.test')).toHaveLength(1);
  });
});

describe('an invitation withdrawn', () => {
  it('stops its link at once and leaves the pending list', async () => {
    const sent = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'erreur-de-frappe@hautsdefrance.test',
      role: 'funder_admin',
    });
    const token = sent.json().invitationUrl.split('/invitation/')[1];
    const pending = (await admin.request('GET', `/api/v1/funders/${funderId}/invitations`)).json() as {
      id: string;
      email: string;
    }[];
    const inv = pending.find((i) => i.email === 'erreur-de-frappe@hautsdefrance.test')!;

    const res = await admin.request('POST', `/api/v1/funders/${funderId}/invitations/${inv.id}/withdraw`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).statusCode).toBe(410);
    const after = (await admin.request('GET', `/api/v1/funders/${funderId}/invitations`)).json() as {
      id: string;
    }[];
    expect(after.map((i) => i.id)).not.toContain(inv.id);
    const again = await admin.request('POST', `/api/v1/funders/${funderId}/invitations/${inv.id}/withdraw`);
    expect(again.json()).toMatchObject({
      code: 'invitation_closed',
      detail: expect.stringContaining('déjà été retirée'),
    });
  });
});

describe('a prescriber’s agent who left', () => {
  it('loses the front desk at once, and leaves the prescriber’s page', async () => {
    const [prescriber] = await q<{ id: string }>(
      `SELECT o.id FROM memberships m JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.organisation_id
        WHERE u.email = 'prescripteur@hautsdefrance.test'`,
    );
    const prescriberId = prescriber!.id;
    const volunteer = await newAccount(t, {
      funderId,
      email: 'benevole-parti@hautsdefrance.test',
      role: 'prescriber_agent',
      organisationId: prescriberId,
    });
    const stock = `/api/v1/organisations/${prescriberId}/stock`;
    expect((await volunteer.request('GET', stock)).statusCode).toBe(200);
    const detail = async () =>
      (await admin.request('GET', `/api/v1/funders/${funderId}/prescribers/${prescriberId}`)).json() as {
        agents: { membershipId: string; email: string }[];
      };
    const agent = (await detail()).agents.find((a) => a.email === 'benevole-parti@hautsdefrance.test')!;
    // A prescriber's agent is not staff: no role of the funder's team can be given to them.
    const role = await admin.request(
      'POST',
      `/api/v1/funders/${funderId}/members/${agent.membershipId}/role`,
      {
        role: 'funder_admin',
      },
    );
    expect(role.statusCode).toBe(404);

    const end = await admin.request('POST', `/api/v1/funders/${funderId}/members/${agent.membershipId}/end`);
    expect(end.statusCode, end.body).toBe(200);
    expect((await volunteer.request('GET', stock)).statusCode).toBe(404);
    expect((await detail()).agents.map((a) => a.email)).not.toContain('benevole-parti@hautsdefrance.test');
  });
});

describe('the team of a place, kept by its admin', () => {
  let thomas: Client;
  let placeId: string;
  const teamOfPlace = async (c: Client) => c.request('GET', `/api/v1/places/${placeId}/members`);
  const desk = (c: Client) => c.request('GET', `/api/v1/places/${placeId}/redemptions`);

  beforeAll(async () => {
    thomas = await signIn(t.app, 'lieu@hautsdefrance.test');
    placeId = thomas.session.memberships.find((m) => m.role === 'place_admin')!.organisationId!;
  });

  it('lists its admin and agents for its admin only', async () => {
    const res = await teamOfPlace(thomas);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ displayName: 'Thomas Petit', role: 'place_admin', you: true }),
        expect.objectContaining({ displayName: 'Lucie Moreau', role: 'place_agent', you: false }),
      ]),
    );
    const lucie = await signIn(t.app, 'benevole@hautsdefrance.test');
    const refused = await teamOfPlace(lucie);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('administrateur du lieu');
    // The funders it works with do not keep its team.
    expect((await teamOfPlace(admin)).statusCode).toBe(404);
  });

  it('invites a volunteer, who joins the place and its desk, and ends the access of one who left', async () => {
    const typo = await thomas.request('POST', `/api/v1/places/${placeId}/invitations`, {
      email: 'nouvelle.benevole@exemple',
      role: 'place_agent',
    });
    expect(typo.statusCode).toBe(422);
    expect(typo.json().errors).toEqual([
      { field: 'email', message: expect.stringContaining('Adresse électronique invalide') },
    ]);
    // Pasted with a space after it, as from a message: the address is the one meant.
    const sent = await thomas.request('POST', `/api/v1/places/${placeId}/invitations`, {
      email: 'nouvelle.benevole@exemple.fr ',
      role: 'place_agent',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const token = sent.json().invitationUrl.split('/invitation/')[1];
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(view.json()).toMatchObject({
      organisationName: 'Médiathèque Louis Aragon',
      funderName: null,
      role: 'place_agent',
    });
    const waiting = (await thomas.request('GET', `/api/v1/places/${placeId}/invitations`)).json();
    expect(waiting).toEqual([
      expect.objectContaining({
        email: 'nouvelle.benevole@exemple.fr',
        invitedBy: 'Thomas Petit',
      }),
    ]);

    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { displayName: 'Inès Garnier', password: TEST_PASSWORD },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().memberships).toEqual([
      expect.objectContaining({ role: 'place_agent', organisationId: placeId }),
    ]);
    // The answer names what was joined: the page says « Vous avez rejoint … » from it.
    expect(accepted.json().joined).toEqual({
      kind: 'place',
      id: placeId,
      name: 'Médiathèque Louis Aragon',
      role: 'place_agent',
      roleLabel: 'agent de lieu de médiation',
    });
    const ines = {
      request: (method: 'GET', url: string) =>
        t.app.inject({
          method,
          url,
          cookies: { pn_session: accepted.cookies.find((c) => c.name === 'pn_session')!.value },
        }),
    } as Client;
    expect((await desk(ines)).statusCode).toBe(200);

    const list = (await teamOfPlace(thomas)).json() as Member[];
    const herId = list.find((m) => m.displayName === 'Inès Garnier')!.membershipId;
    const end = await thomas.request('POST', `/api/v1/places/${placeId}/members/${herId}/end`);
    expect(end.statusCode, end.body).toBe(200);
    expect((await desk(ines)).statusCode).toBe(404);
    // A membership of another team is not found through this place.
    const viewerId = (await memberOf('lecteur@hautsdefrance.test'))!.membershipId;
    expect(
      (await thomas.request('POST', `/api/v1/places/${placeId}/members/${viewerId}/end`)).statusCode,
    ).toBe(404);
  });

  it('writes its team’s changes in the journal of each funder it works with, and of no other', async () => {
    // Who may redeem at the desk matters to the funders who pay for it (the volunteer above).
    type Entry = { action: string; actorName: string };
    const about = async (c: Client, id: string) =>
      ((await c.request('GET', `/api/v1/funders/${id}/audit?limit=200`)).json().entries as Entry[]).filter(
        (e) => JSON.stringify(e).includes('nouvelle.benevole@exemple.fr'),
      );
    const seen = await about(admin, funderId);
    expect(seen.map((e) => e.action).sort()).toEqual([
      'invitation.accept',
      'invitation.create',
      'membership.create',
      'membership.end',
    ]);
    expect(seen.find((e) => e.action === 'membership.end')).toMatchObject({ actorName: 'Thomas Petit' });
    // Pays de Verdun (Pas-de-Calais's admins may have removed each other in a test above).
    const verdun = await signIn(t.app, 'financeur@paysdeverdun.test');
    expect(await about(verdun, verdun.session.memberships[0]!.funderId!)).toEqual([]);
  });

  it('lists a person once, with their strongest role; ends the whole of their access; changes a role', async () => {
    // Karim Haddad, an agent, is given the place's admin role too (an old invitation did so).
    const karim = await q<{ user_id: string }>(
      `SELECT user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'mediateur@hautsdefrance.test' LIMIT 1`,
    );
    await q(`INSERT INTO memberships (user_id, role, organisation_id) VALUES ($1, 'place_admin', $2)`, [
      karim[0]!.user_id,
      placeId,
    ]);
    const lines = ((await teamOfPlace(thomas)).json() as Member[]).filter(
      (m) => m.displayName === 'Karim Haddad',
    );
    expect(lines).toEqual([expect.objectContaining({ role: 'place_admin' })]);

    // Back to an agent only: the admin role ends, the agent's stays.
    const down = await thomas.request(
      'POST',
      `/api/v1/places/${placeId}/members/${lines[0]!.membershipId}/role`,
      {
        role: 'place_agent',
      },
    );
    expect(down.statusCode, down.body).toBe(200);
    const again = ((await teamOfPlace(thomas)).json() as Member[]).filter(
      (m) => m.displayName === 'Karim Haddad',
    );
    expect(again).toEqual([expect.objectContaining({ role: 'place_agent' })]);

    // An agent made admin, then removed: both roles end.
    const up = await thomas.request(
      'POST',
      `/api/v1/places/${placeId}/members/${again[0]!.membershipId}/role`,
      {
        role: 'place_admin',
      },
    );
    expect(up.statusCode, up.body).toBe(200);
    await q(`INSERT INTO memberships (user_id, role, organisation_id) VALUES ($1, 'place_agent', $2)`, [
      karim[0]!.user_id,
      placeId,
    ]);
    const end = await thomas.request(
      'POST',
      `/api/v1/places/${placeId}/members/${up.json().membershipId}/end`,
    );
    expect(end.statusCode, end.body).toBe(200);
    const live = await q<{ role: string }>(
      `SELECT role FROM memberships WHERE user_id = $1 AND organisation_id = $2 AND ended_at IS NULL`,
      [karim[0]!.user_id, placeId],
    );
    expect(live).toEqual([]);
  });

  it('withdraws an invitation to the place', async () => {
    const sent = await thomas.request('POST', `/api/v1/places/${placeId}/invitations`, {
      email: 'mauvaise.adresse@exemple.fr',
      role: 'place_admin',
    });
    const token = sent.json().invitationUrl.split('/invitation/')[1];
    const [inv] = (await thomas.request('GET', `/api/v1/places/${placeId}/invitations`)).json() as {
      id: string;
    }[];
    const res = await thomas.request('POST', `/api/v1/places/${placeId}/invitations/${inv!.id}/withdraw`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).statusCode).toBe(410);
  });

  it('withdraws the invitations of an admin made an agent, or whose access ended, journaled for its funders', async () => {
    // As for a funder's team: an admin invitation sent by someone no longer the place's admin
    // still made an admin of whoever accepted it.
    const sent = await thomas.request('POST', `/api/v1/places/${placeId}/invitations`, {
      email: 'coordinatrice@exemple.fr',
      role: 'place_admin',
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${sent.json().invitationUrl.split('/invitation/')[1]}/accept`,
      payload: { displayName: 'Coordinatrice', password: TEST_PASSWORD },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const cookie = accepted.cookies.find((c) => c.name === 'pn_session')!.value;
    const csrf = accepted.json().csrfToken;
    const inviteAs = async (email: string, role: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/places/${placeId}/invitations`,
        payload: { email, role },
        cookies: { pn_session: cookie },
        headers: { 'x-csrf-token': csrf },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().invitationUrl.split('/invitation/')[1] as string;
    };
    const view = async (token: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).statusCode;
    const hers = async () =>
      ((await teamOfPlace(thomas)).json() as Member[]).find((m) => m.displayName === 'Coordinatrice')!;
    // Thomas's own invitation is not hers to lose.
    const thomass = await thomas.request('POST', `/api/v1/places/${placeId}/invitations`, {
      email: 'invitee-de-thomas@exemple.fr',
      role: 'place_agent',
    });
    const admin1 = await inviteAs('admin-par-elle@exemple.fr', 'place_admin');
    const agent1 = await inviteAs('agent-par-elle@exemple.fr', 'place_agent');

    const lowered = await thomas.request(
      'POST',
      `/api/v1/places/${placeId}/members/${(await hers()).membershipId}/role`,
      {
        role: 'place_agent',
      },
    );
    expect(lowered.statusCode, lowered.body).toBe(200);
    expect(lowered.json()).toMatchObject({ role: 'place_agent', withdrawnInvitations: 2 });
    expect([await view(admin1), await view(agent1)]).toEqual([410, 410]);
    expect(await view(thomass.json().invitationUrl.split('/invitation/')[1])).toBe(200);
    const entries = await q<{ funder_id: string; summary: { email: string; reason: string } }>(
      `SELECT funder_id, summary FROM audit_entries
        WHERE action = 'invitation.withdraw' AND summary->>'email' IN ('admin-par-elle@exemple.fr', 'agent-par-elle@exemple.fr')`,
    );
    // In the journal of the funders the place works with (the Région's among them).
    expect(entries.filter((e) => e.funder_id === funderId)).toHaveLength(2);
    expect(entries.every((e) => e.summary.reason.includes('n’a plus le rôle qui permet d’inviter'))).toBe(
      true,
    );

    const raised = await thomas.request(
      'POST',
      `/api/v1/places/${placeId}/members/${(await hers()).membershipId}/role`,
      {
        role: 'place_admin',
      },
    );
    expect(raised.json()).toMatchObject({ role: 'place_admin', withdrawnInvitations: 0 });
    const admin2 = await inviteAs('admin-par-elle-2@exemple.fr', 'place_admin');
    const ended = await thomas.request(
      'POST',
      `/api/v1/places/${placeId}/members/${(await hers()).membershipId}/end`,
    );
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toEqual({ withdrawnInvitations: 1 });
    expect(await view(admin2)).toBe(410);
    expect(await view(thomass.json().invitationUrl.split('/invitation/')[1])).toBe(200);
  });

  it('keeps one admin: two removing each other at once are taken in turn, and the database holds it too', async () => {
    const sent = await thomas.request('POST', `/api/v1/places/${placeId}/invitations`, {
      email: 'adjointe@exemple.fr',
      role: 'place_admin',
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${sent.json().invitationUrl.split('/invitation/')[1]}/accept`,
      payload: { displayName: 'Adjointe', password: TEST_PASSWORD },
    });
    const cookie = accepted.cookies.find((c) => c.name === 'pn_session')!.value;
    const csrf = accepted.json().csrfToken;
    const list = (await teamOfPlace(thomas)).json() as Member[];
    const idOf = (name: string) => list.find((m) => m.displayName === name)!.membershipId;
    // As for the funder: both requests are past their authorisation before either commits.
    const [a, b] = await behindHeldRow(
      t.database.pool,
      'SELECT id FROM organisations WHERE id = $1 FOR UPDATE',
      [placeId],
      () => [
        thomas.request('POST', `/api/v1/places/${placeId}/members/${idOf('Adjointe')}/end`),
        t.app.inject({
          method: 'POST',
          url: `/api/v1/places/${placeId}/members/${idOf('Thomas Petit')}/end`,
          cookies: { pn_session: cookie },
          headers: { 'x-csrf-token': csrf },
        }),
      ],
    );
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json()).toMatchObject({
      code: 'last_admin',
      detail: expect.stringContaining('dernier administrateur du lieu'),
    });
    const [last] = await q<{ id: string }>(
      `SELECT id FROM memberships WHERE organisation_id = $1 AND role = 'place_admin' AND ended_at IS NULL`,
      [placeId],
    );
    await expect(q('UPDATE memberships SET ended_at = now() WHERE id = $1', [last!.id])).rejects.toThrow(
      /no admin left/,
    );
  });
});
