import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newAccount } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';
import * as notifications from '../notifications/service.js';
import { MASKED_LINK } from '../notifications/service.js';

/*
 * An invitation's e-mail leaves only while its link works. Before, withdrawing an invitation
 * (by its team's admin, by inviting the address again, or with the account that sent it) left
 * its e-mail queued: with the SMTP server down for an hour, or a backlog of statements ahead of
 * it, the invited person later got a link that no longer worked, and after « inviter à
 * nouveau » two e-mails of which one was dead. A queued (or failed) message of a withdrawn
 * invitation is now withdrawn with it, in the same transaction, and its link erased.
 */
let t: TestApp;
let smtp: TestSmtp;
let mailer: notifications.Mailer;
let funderAdmin: Client;
let funderId: string;
let operator: Client;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  smtp = await startTestSmtp();
  mailer = notifications.smtpMailer(smtp.url, 'Pass numérique <ne-pas-repondre@pass.example.gouv.fr>');
  funderAdmin = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = funderAdmin.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
  operator = await signIn(t.app, 'admin@pass-numerique.test');
  // The demo's own messages leave first, so that each test sees only its own.
  await send();
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await t.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

async function send() {
  for (;;) {
    const run = await notifications.sendDue(t.database.db, { mailer, publicUrl: 'http://localhost:3000' });
    if (run.claimed === 0) return;
  }
}

const invite = async (by: Client, email: string) => {
  const res = await by.request('POST', `/api/v1/funders/${funderId}/invitations`, {
    email,
    role: 'funder_viewer',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { invitationUrl: string };
};
const waitingInvitation = async (email: string) => {
  const res = await funderAdmin.request('GET', `/api/v1/funders/${funderId}/invitations`);
  return (res.json() as { id: string; email: string }[]).find((i) => i.email === email)!;
};
const messagesTo = async (email: string) =>
  (
    await t.database.pool.query(
      `SELECT id, status, params ? 'token' AS "hasLink" FROM notification_outbox
        WHERE template = 'invitation' AND recipient = $1 ORDER BY created_at, id`,
      [email],
    )
  ).rows as { id: string; status: string; hasLink: boolean }[];
const delivered = (email: string) => smtp.received.filter((m) => m.to.includes(email));

describe('an invitation’s e-mail', () => {
  it('is not sent once its team’s admin withdrew the invitation', async () => {
    const email = 'retiree-avant-envoi@exemple.test';
    await invite(funderAdmin, email);
    const inv = await waitingInvitation(email);
    const res = await funderAdmin.request(
      'POST',
      `/api/v1/funders/${funderId}/invitations/${inv.id}/withdraw`,
    );
    expect(res.statusCode, res.body).toBe(204);

    expect(await messagesTo(email)).toEqual([
      { id: expect.any(String), status: 'withdrawn', hasLink: false },
    ]);
    await send();
    expect(delivered(email)).toEqual([]);
  });

  it('goes once, with the link that works, when the address is invited again before it left', async () => {
    const email = 'invitee-deux-fois@exemple.test';
    await invite(funderAdmin, email);
    const second = await invite(funderAdmin, email);

    expect((await messagesTo(email)).map((m) => m.status)).toEqual(['withdrawn', 'queued']);
    // Its e-mail is worth sending while its link works, and not after (the link's 14 days).
    const { rows } = await t.database.pool.query(
      `SELECT o.send_before = i.expires_at AS "sameDay" FROM notification_outbox o
         JOIN invitations i ON o.dedupe_key = 'invitation:' || i.id
        WHERE i.email = $1 AND o.status = 'queued'`,
      [email],
    );
    expect(rows).toEqual([{ sameDay: true }]);
    await send();
    const mails = delivered(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(second.invitationUrl.split('/invitation/')[1]!);
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/v1/invitations/${second.invitationUrl.split('/invitation/')[1]}`,
    });
    expect(page.statusCode).toBe(200);
  });

  // No SMTP yet, the admin handed the link shown on screen over: the person joined, and the
  // e-mail that left later opened on « Cette invitation a déjà été acceptée ».
  it('is not sent once the invitation was accepted, and the outbox says why it never left', async () => {
    const email = 'acceptee-avant-envoi@exemple.test';
    const { invitationUrl } = await invite(funderAdmin, email);
    const token = invitationUrl.split('/invitation/')[1]!;
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { displayName: 'Acceptée Avant-Envoi', password: 'cerisier tilleul boussole 42' },
      remoteAddress: '10.31.0.1',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const [message] = await messagesTo(email);
    expect(message).toEqual({ id: expect.any(String), status: 'withdrawn', hasLink: false });
    await send();
    expect(delivered(email)).toEqual([]);
    const resend = await operator.request('POST', `/api/v1/admin/messages/${message!.id}/resend`);
    expect(resend.statusCode).toBe(409);
    expect(resend.json().detail).toContain('acceptée');
  });

  it('is not sent once the account that sent the invitation was disabled', async () => {
    const colleague = await newAccount(t, {
      funderId,
      email: 'collegue-coupe@hautsdefrance.test',
      role: 'funder_admin',
    });
    const email = 'invitee-par-un-intrus@exemple.test';
    await invite(colleague, email);
    await send(); // the colleague's own invitation e-mail leaves (it was accepted)
    smtp.received.length = 0;
    const other = 'invitee-apres@exemple.test';
    await invite(colleague, other);
    const res = await operator.request('POST', '/api/v1/admin/accounts/disable', {
      email: 'collegue-coupe@hautsdefrance.test',
      reason: 'Compte compromis (ticket 77)',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().withdrawnInvitations).toBe(2);

    // The one already delivered stays as it was; the one still queued never leaves.
    expect((await messagesTo(email)).map((m) => m.status)).toEqual(['sent']);
    expect(await messagesTo(other)).toEqual([
      { id: expect.any(String), status: 'withdrawn', hasLink: false },
    ]);
    await send();
    expect(delivered(other)).toEqual([]);
  });

  it('that had failed cannot be sent again once withdrawn, and the outbox says why it never left', async () => {
    const email = 'echec-puis-retrait@exemple.test';
    await invite(funderAdmin, email);
    smtp.refuseNext(1);
    await notifications.sendDue(t.database.db, {
      mailer,
      publicUrl: 'http://localhost:3000',
      maxAttempts: 1,
    });
    const [failed] = await messagesTo(email);
    expect(failed!.status).toBe('failed');

    const inv = await waitingInvitation(email);
    await funderAdmin.request('POST', `/api/v1/funders/${funderId}/invitations/${inv.id}/withdraw`);
    const resend = await operator.request('POST', `/api/v1/admin/messages/${failed!.id}/resend`);
    expect(resend.statusCode).toBe(409);
    expect(resend.json()).toMatchObject({
      code: 'message_withdrawn',
      detail: expect.stringContaining('retirée'),
    });
    expect((await messagesTo(email)).map((m) => m.status)).toEqual(['withdrawn']);

    const outbox = await operator.request(
      'GET',
      `/api/v1/admin/messages?recipient=${encodeURIComponent(email)}`,
    );
    expect(outbox.statusCode).toBe(200);
    const body = outbox.json();
    expect(body.messages).toEqual([expect.objectContaining({ status: 'withdrawn', recipient: email })]);
    expect(body.failed).toEqual([]);
    expect(body.counts.withdrawn).toBeGreaterThanOrEqual(4);
    // Opened, it reads as it would have: its link, erased, stands masked, not as a broken address.
    const opened = await operator.request('GET', `/api/v1/admin/messages/${failed!.id}`);
    expect(opened.json()).toMatchObject({ status: 'withdrawn', text: expect.stringContaining(MASKED_LINK) });
    expect(opened.json().text).not.toContain('/invitation/');

    // The database keeps it withdrawn, whoever asks.
    await expect(
      t.database.pool.query(`UPDATE notification_outbox SET status = 'queued' WHERE id = $1`, [failed!.id]),
    ).rejects.toThrow(/withdrawn/);
  });
});
