import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/*
 * « Je n’ai jamais reçu le lien » : a prescriber's new agent rings the funder, whose admin
 * sends the waiting invitation again from the pending list, rather than typing the address,
 * the role and the organisation anew. The new link works, the old one no longer does, and
 * one invitation is still waiting. A place's admin does the same for a volunteer.
 */
let t: TestApp;
let c: Circulation;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

type Waiting = { id: string; email: string; organisationName: string | null; expiresAt: string };
const tokenOf = (body: { invitationUrl: string }) => body.invitationUrl.split('/invitation/')[1]!;
const view = (token: string) => t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });

async function waiting(who: Client, base: string, email: string) {
  const res = await who.request('GET', `${base}/invitations`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Waiting[]).filter((i) => i.email === email);
}

async function invitationsSentTo(email: string) {
  const { rows } = await t.database.pool.query(
    `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'invitation' AND recipient = $1`,
    [email],
  );
  return rows[0].n as number;
}

describe('a waiting invitation sent again', () => {
  const email = 'nouvel-agent@mission-locale.test';
  const base = () => `/api/v1/funders/${c.funderId}`;

  it('gives a new link for the same address, role and organisation, and stops the old one', async () => {
    const organisationId = c.organisations['Mission locale du Grand Amiénois']!;
    const sent = await c.funder.request('POST', `${base()}/invitations`, {
      email,
      role: 'prescriber_agent',
      organisationId,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const first = tokenOf(sent.json());
    const [inv] = await waiting(c.funder, base(), email);

    const again = await c.funder.request('POST', `${base()}/invitations/${inv!.id}/resend`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().sentByEmail).toBe(false);
    const second = tokenOf(again.json());
    expect(second).not.toBe(first);
    expect((await view(first)).statusCode).toBe(410);
    const page = await view(second);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ email, organisationName: 'Mission locale du Grand Amiénois' });

    const now = await waiting(c.funder, base(), email);
    expect(now).toHaveLength(1);
    expect(now[0]!.id).not.toBe(inv!.id);
    expect(now[0]!.organisationName).toBe('Mission locale du Grand Amiénois');
    expect(await invitationsSentTo(email)).toBe(2);
  });

  it('withdraws, from a list showing the invitation before it was sent again, the one that replaced it', async () => {
    // Another admin's page, opened before the resend, still lists the first invitation.
    const other = 'autre-agent@mission-locale.test';
    const sent = await c.funder.request('POST', `${base()}/invitations`, {
      email: other,
      role: 'prescriber_agent',
      organisationId: c.organisations['Mission locale du Grand Amiénois']!,
    });
    const [stale] = await waiting(c.funder, base(), other);
    const again = await c.funder.request('POST', `${base()}/invitations/${stale!.id}/resend`);
    const live = tokenOf(again.json());
    expect(tokenOf(sent.json())).not.toBe(live);
    // It was told « déjà retirée » while the new link still let the person in.
    const withdrawn = await c.funder.request('POST', `${base()}/invitations/${stale!.id}/withdraw`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    expect((await view(live)).statusCode).toBe(410);
    expect(await waiting(c.funder, base(), other)).toEqual([]);
    // Withdrawn by an admin, not replaced: withdrawing it again says so, and an invitation sent
    // to the address later is not the one withdrawn.
    await c.funder.request('POST', `${base()}/invitations`, {
      email: other,
      role: 'prescriber_agent',
      organisationId: c.organisations['Mission locale du Grand Amiénois']!,
    });
    const twice = await c.funder.request('POST', `${base()}/invitations/${stale!.id}/withdraw`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/déjà été retirée/);
    expect(await waiting(c.funder, base(), other)).toHaveLength(1);
  });

  it('refuses an invitation withdrawn, saying so', async () => {
    const [inv] = await waiting(c.funder, base(), email);
    const withdrawn = await c.funder.request('POST', `${base()}/invitations/${inv!.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(204);
    const res = await c.funder.request('POST', `${base()}/invitations/${inv!.id}/resend`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'invitation_closed',
      detail: expect.stringContaining('retirée'),
    });
    expect(await invitationsSentTo(email)).toBe(2);
  });

  it('is the place admin’s for the place’s team, and no other funder’s admin finds it', async () => {
    const placeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
    const placeId = placeAdmin.session.memberships.find((m) => m.role === 'place_admin')!.organisationId!;
    const placeBase = `/api/v1/places/${placeId}`;
    const volunteer = 'benevole-du-mardi@mediatheque.test';
    const sent = await placeAdmin.request('POST', `${placeBase}/invitations`, {
      email: volunteer,
      role: 'place_agent',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const [inv] = await waiting(placeAdmin, placeBase, volunteer);
    const again = await placeAdmin.request('POST', `${placeBase}/invitations/${inv!.id}/resend`);
    expect(again.statusCode, again.body).toBe(200);
    expect((await view(tokenOf(sent.json()))).statusCode).toBe(410);
    expect((await view(tokenOf(again.json()))).statusCode).toBe(200);

    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    const otherFunder = other.session.memberships[0]!.funderId!;
    const [ours] = await waiting(placeAdmin, placeBase, volunteer);
    const res = await other.request('POST', `/api/v1/funders/${otherFunder}/invitations/${ours!.id}/resend`);
    expect(res.statusCode).toBe(404);
  });
});

// An invitation that expired vanished from the team's list: its admin could not see that the
// person never joined, nor send it again; support sent her back to a team that saw nothing.
describe('an expired invitation on the team’s page', () => {
  it('is listed on asking (`expired=include`), said expired, and sent again under a new link', async () => {
    const email = 'expiree@region.test';
    const base = `/api/v1/funders/${c.funderId}`;
    const sent = await c.funder.request('POST', `${base}/invitations`, { email, role: 'funder_viewer' });
    expect(sent.statusCode, sent.body).toBe(201);
    await t.database.pool.query(
      `UPDATE invitations SET expires_at = now() - interval '2 days' WHERE email = $1`,
      [email],
    );
    // The pending list stays what it was: waiting invitations only.
    expect(await waiting(c.funder, base, email)).toEqual([]);
    const listed = await c.funder.request('GET', `${base}/invitations?expired=include`);
    expect(listed.statusCode, listed.body).toBe(200);
    const [inv] = (listed.json() as (Waiting & { expired: boolean })[]).filter((i) => i.email === email);
    expect(inv).toMatchObject({ email, expired: true });
    const again = await c.funder.request('POST', `${base}/invitations/${inv!.id}/resend`);
    expect(again.statusCode, again.body).toBe(200);
    const [now] = await waiting(c.funder, base, email);
    expect(now).toMatchObject({ email, expired: false });
  });
});
