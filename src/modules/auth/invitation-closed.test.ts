import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

/*
 * A link of an invitation that no longer works says why to the person who opens it. Before,
 * every such link said « lien expiré ou déjà utilisé » alike: the volunteer whose invitation
 * had been replaced by a newer one asked the team for a third, and the one who had already
 * accepted did not think of signing in. Only the link's holder reads it (256-bit tokens); an
 * unknown link stays a bare 404.
 */
let t: TestApp;
let admin: Client;
let funderId: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = admin.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
});
afterAll(() => t.close());

const invite = async (email: string) => {
  const res = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
    email,
    role: 'funder_viewer',
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { invitationUrl: string }).invitationUrl.split('/invitation/')[1]!;
};
const open = (token: string) => t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
const accept = (token: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${token}/accept`,
    payload: { displayName: 'Camille Invitée', password: TEST_PASSWORD },
  });
const waitingId = async (email: string) => {
  const res = await admin.request('GET', `/api/v1/funders/${funderId}/invitations`);
  return (res.json() as { id: string; email: string }[]).find((i) => i.email === email)!.id;
};

describe('an invitation’s link that no longer works', () => {
  it('says it was withdrawn by the team, when it was', async () => {
    const token = await invite('retiree@exemple.test');
    await admin.request(
      'POST',
      `/api/v1/funders/${funderId}/invitations/${await waitingId('retiree@exemple.test')}/withdraw`,
    );
    for (const res of [await open(token), await accept(token)]) {
      expect([res.statusCode, res.json().code]).toEqual([410, 'invitation_gone']);
      expect(res.json().detail).toMatch(/a été retirée par l’équipe qui l’avait envoyée/);
    }
  });

  it('sends to the latest e-mail when a newer invitation replaced it', async () => {
    const first = await invite('remplacee@exemple.test');
    await invite('remplacee@exemple.test');
    const res = await open(first);
    expect([res.statusCode, res.json().code]).toEqual([410, 'invitation_gone']);
    expect(res.json().detail).toMatch(/Une invitation plus récente vous a été envoyée/);
  });

  it('sends to the sign-in page when it was already accepted', async () => {
    const token = await invite('acceptee@exemple.test');
    expect((await accept(token)).statusCode).toBe(200);
    const res = await open(token);
    expect([res.statusCode, res.json().code]).toEqual([410, 'invitation_gone']);
    expect(res.json().detail).toMatch(/a déjà été acceptée.*connectez-vous/);
  });

  it('says when it expired, and whom to ask', async () => {
    const token = await invite('expiree@exemple.test');
    await t.database.pool.query(
      `UPDATE invitations SET expires_at = now() - interval '1 day' WHERE email = 'expiree@exemple.test'`,
    );
    const res = await open(token);
    expect([res.statusCode, res.json().code]).toEqual([410, 'invitation_gone']);
    expect(res.json().detail).toMatch(/a expiré le .* demandez à l’équipe qui vous l’a envoyée/);
  });

  it('stays a bare « not found » for a link that never existed', async () => {
    // Of the platform's shape (43 base64url characters), issued never.
    const res = await open('jeton_jamais_emis_par_la_plateforme_0000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).not.toMatch(/retirée|acceptée|expiré/);
  });

  it('says a link cut short when copied is incomplete, rather than unknown', async () => {
    const token = await invite('lien-coupe@exemple.test');
    for (const cut of [token.slice(0, 12), token.slice(0, 30), token.slice(0, -1)]) {
      for (const res of [await open(cut), await accept(cut)]) {
        expect([res.statusCode, res.json().code, res.json().detail]).toEqual([
          400,
          'link_incomplete',
          'Ce lien est incomplet : copiez-le en entier depuis le message reçu.',
        ]);
      }
    }
    expect((await open(token)).statusCode).toBe(200);
  });
});
