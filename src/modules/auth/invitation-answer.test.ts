import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../http/app.js';
import { buildServer } from '../../server.js';
import { signIn, startTestApp, type TestApp, testConfig } from '../../test/app.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';

/*
 * Issue 12, point 7: an invitation goes by e-mail when SMTP is configured; its answer then says
 * so and no longer gives the link to hand over, which comes back only when messages stay in
 * the outbox (no SMTP_URL, the embedded default). Both servers share one database.
 */
let t: TestApp;
let smtp: TestSmtp;
let withSmtp: App;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  smtp = await startTestSmtp();
  withSmtp = await buildServer({
    db: t.database.db,
    config: testConfig({ smtpUrl: smtp.url, mailFrom: 'Pass <ne-pas-repondre@exemple.fr>' }),
  });
  await withSmtp.ready();
}, 60_000);
afterAll(async () => {
  await withSmtp?.close();
  await smtp?.close();
  await t?.close();
});

async function inviteColleague(app: App, email: string) {
  const funder = await signIn(app, 'financeur@hautsdefrance.test');
  const funderId = funder.session.memberships[0]!.funderId!;
  return funder.request('POST', `/api/v1/funders/${funderId}/invitations`, { email, role: 'funder_viewer' });
}

describe('the answer to an invitation', () => {
  it('gives the link to hand over when messages stay in the outbox (no SMTP)', async () => {
    const res = await inviteColleague(t.app, 'sans-smtp@hautsdefrance.test');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      sentByEmail: false,
      email: 'sans-smtp@hautsdefrance.test',
      invitationUrl: expect.stringMatching(/^http:\/\/localhost:3000\/invitation\/\S{20,}$/),
    });
  });

  // The confirmation showed « Marie.Dupont@Exemple.FR » as typed; the platform records it in
  // lower case, and the list of invitations, the e-mail and the sign-in then read it so.
  it('gives the address as recorded, whatever its case and spaces as typed', async () => {
    const res = await inviteColleague(t.app, '  Marie.Dupont@Exemple.FR ');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().email).toBe('marie.dupont@exemple.fr');
  });

  it('says the invitation goes by e-mail, without the link, when SMTP is configured', async () => {
    const res = await inviteColleague(withSmtp, 'avec-smtp@hautsdefrance.test');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ sentByEmail: true, email: 'avec-smtp@hautsdefrance.test' });
    // And it does go: the invitee receives the link. The sender looks at the outbox every 5 s;
    // on a machine loaded by the whole suite, one look and its SMTP exchange took over 10 s.
    // (`to` lists whole addresses: the loop looked for one named 'avec-smtp' and always ran 30 s.)
    const invitee = () => smtp.received.find((m) => m.to.includes('avec-smtp@hautsdefrance.test'));
    for (let i = 0; i < 300 && !invitee(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = invitee();
    expect(sent?.text).toMatch(/http:\/\/localhost:3000\/invitation\/\S{20,}/);
  }, 60_000);

  it('says the same when the platform admin creates a funder and invites its first admin', async () => {
    const admin = await signIn(withSmtp, 'admin@pass-numerique.test');
    const res = await admin.request('POST', '/api/v1/funders', {
      name: 'Communauté de communes du Pays de Montmédy',
      kind: 'epci',
      siret: '812 345 678 00013',
      territory: [{ level: 'epci', code: '245501259' }],
      firstAdminEmail: 'Admin@Montmedy.test',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sentByEmail: true, email: 'admin@montmedy.test' });
    expect(res.json().invitationUrl).toBeUndefined();
  });
});

describe('the answer to a password reset request', () => {
  it('says an e-mail was sent only when SMTP is configured', async () => {
    const res = await withSmtp.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'personne@inconnu.test' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ sentByEmail: true });
    expect(res.json().message).toContain('un courriel vient de lui être envoyé');
  });

  // The answer sent people to the platform admin, who found the link masked in the outbox; then
  // to « la personne qui administre la plateforme », whom a beneficiary does not know.
  it('without SMTP, sends the person to the structure that accompanied them, in plain words', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: 'personne@inconnu.test' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().sentByEmail).toBe(false);
    expect(res.json().message).toBe(
      'Nous ne pouvons pas vous envoyer de courriel. Si vous avez un compte, demandez un lien pour changer votre mot de passe à la structure qui vous a accompagné (votre lieu de médiation, votre prescripteur ou votre financeur) ; ce lien est valable une heure.',
    );
    expect(res.json().message).not.toContain('messages en attente');
  });
});
