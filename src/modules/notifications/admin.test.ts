import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationOutbox } from '../../db/schema/index.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { sessionOf } from '../../test/accounts.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import { startTestSmtp } from '../../test/smtp.js';
import { EXAMPLE_MESSAGES } from './examples.js';
import * as notifications from './service.js';
import type { MessageInput } from './templates/types.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  // No SMTP_URL: the embedded default.
  t = await startTestApp({ demo: true });
  admin = await sessionOf(t, 'admin@pass-numerique.test', DEMO_PASSWORD);
}, 60_000);
afterAll(() => t.close());

const statusOf = async (id: string) =>
  (await t.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id)))[0]!.status;

describe('the outbox without SMTP_URL, read by the platform admin', () => {
  it('opens a message as its recipient reads it, its one-time link masked', async () => {
    // An invitation nobody has taken up yet: its e-mail waits in the outbox, its link whole.
    const funder = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
    const funderId = funder.session.memberships[0]!.funderId!;
    const invited = await funder.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'nouvelle.collegue@hautsdefrance.test',
      role: 'funder_viewer',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const { rows } = await t.database.pool.query(
      `SELECT id, params->>'token' AS token FROM notification_outbox
        WHERE template = 'invitation' AND recipient = 'nouvelle.collegue@hautsdefrance.test' LIMIT 1`,
    );
    const res = await admin.request('GET', `/api/v1/admin/messages/${rows[0].id}`);
    expect(res.statusCode, res.body).toBe(200);
    const message = res.json();
    expect(message).toMatchObject({
      templateLabel: 'Invitation',
      recipient: 'nouvelle.collegue@hautsdefrance.test',
    });
    expect(message.subject).toContain('Invitation à rejoindre l’équipe « Région Hauts-de-France »');
    expect(message.text).toContain('Accepter l’invitation :');
    expect(message.text).toContain(notifications.MASKED_LINK);
    expect(rows[0].token.length).toBeGreaterThan(20);
    expect(res.body).not.toContain(rows[0].token);
    expect(res.body).not.toContain('/invitation/');

    const other = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
    expect((await other.request('GET', `/api/v1/admin/messages/${rows[0].id}`)).statusCode).toBe(403);
    const unknown = await admin.request('GET', '/api/v1/admin/messages/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });

  it('holds the demo’s messages: its accounts’ invitations and its statements’', async () => {
    const page = (await admin.request('GET', '/api/v1/admin/messages')).json();
    const labels = new Set(page.messages.map((m: { templateLabel: string }) => m.templateLabel));
    // The demo's statements add their own: approved, paid and contested (demo/statements.ts, payments.ts);
    // its bank accounts, recorded by the admins, tell them so. No end-of-use reminder: the demo
    // campaign ends in more than a month, and one « dans 30 jours » would give a false date.
    // The demo's places learn that its funders qualified them, as any decision on them.
    expect(labels.has('Rappel de fin de distribution ou d’utilisation')).toBe(false);
    expect(labels).toEqual(
      new Set([
        'Invitation',
        'Relevé disponible',
        'Relevé approuvé',
        'Relevé payé',
        'Relevé contesté',
        'Règle, compte bancaire ou administrateur invité par l’opérateur',
        'Décision du financeur sur la qualification d’un lieu',
      ]),
    );
    expect(
      page.messages.find(
        (m: { recipient: string; templateLabel: string }) =>
          m.recipient === 'financeur@hautsdefrance.test' && m.templateLabel === 'Invitation',
      ),
    ).toMatchObject({
      templateLabel: 'Invitation',
      // Her invitation was taken up at the demo's set-up, before any e-mail could leave: its
      // e-mail is withdrawn, never to be sent once an SMTP server is given.
      status: 'withdrawn',
    });
  });

  it('keeps the messages queued, and lists them in French for the platform admin only', async () => {
    const { id } = await notifications.enqueue(t.database.db, EXAMPLE_MESSAGES[2] as MessageInput);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await statusOf(id!)).toBe('queued');

    const res = await admin.request('GET', '/api/v1/admin/messages');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.smtpConfigured).toBe(false);
    const listed = page.messages.find((m: { id: string }) => m.id === id);
    expect(listed).toMatchObject({
      recipient: 'contact@mediatheque-verdun.fr',
      templateLabel: 'Relevé disponible',
      status: 'queued',
      attempts: 0,
      lastError: null,
    });
    // Never a message's params: they may hold a one-time link.
    expect(res.body).not.toContain('exemple-jeton');
    expect(page.counts.queued).toBeGreaterThanOrEqual(1);

    for (const email of [
      'financeur@hautsdefrance.test',
      'lieu@hautsdefrance.test',
      'prescripteur@hautsdefrance.test',
    ]) {
      const other = await sessionOf(t, email, DEMO_PASSWORD);
      expect((await other.request('GET', '/api/v1/admin/messages')).statusCode, email).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/v1/admin/messages' })).statusCode).toBe(401);
  });

  it('lists failed messages apart, and sends one again on « renvoyer »', async () => {
    const { id } = await notifications.enqueue(t.database.db, EXAMPLE_MESSAGES[6] as MessageInput);
    await t.database.db.execute(
      sql`UPDATE notification_outbox SET status = 'failed', attempts = 8, last_error = 'ECONNREFUSED' WHERE id = ${id}`,
    );
    const page = (await admin.request('GET', '/api/v1/admin/messages')).json();
    expect(page.failed.map((m: { id: string }) => m.id)).toContain(id);
    expect(page.messages.map((m: { id: string }) => m.id)).not.toContain(id);
    expect(page.failed.find((m: { id: string }) => m.id === id)).toMatchObject({
      lastError: 'ECONNREFUSED',
      attempts: 8,
    });

    const funderAdmin = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
    expect((await funderAdmin.request('POST', `/api/v1/admin/messages/${id}/resend`)).statusCode).toBe(403);

    const resent = await admin.request('POST', `/api/v1/admin/messages/${id}/resend`);
    expect(resent.statusCode).toBe(200);
    expect(await statusOf(id!)).toBe('queued');
    // Only a failed message may be sent again.
    const again = await admin.request('POST', `/api/v1/admin/messages/${id}/resend`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('message_not_failed');
    const audit = await t.database.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_entries WHERE object_id = ${id}`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['message.resend']);
  });

  it('finds the messages sent to one address, past the 200 latest', async () => {
    // A helpdesk asked « did my invitation go? » found only the 200 latest messages of every
    // funder: an older one to that address was out of reach.
    const old = new Date(Date.now() - 30 * 86_400_000);
    await t.database.pool.query(
      `INSERT INTO notification_outbox (recipient, template, params, created_at, status, sent_at)
       VALUES ('Agent.Perdu@Exemple.fr', 'invitation', '{"token":"x"}', $1, 'sent', $1)`,
      [old],
    );
    await t.database.pool.query(
      `INSERT INTO notification_outbox (recipient, template, params, status, sent_at)
       SELECT 'masse-' || n || '@exemple.fr', 'invitation', '{"token":"x"}', 'sent', now()
         FROM generate_series(1, 210) n`,
    );
    const all = (await admin.request('GET', '/api/v1/admin/messages')).json();
    expect(all.messages.map((m: { recipient: string }) => m.recipient)).not.toContain(
      'Agent.Perdu@Exemple.fr',
    );
    // Part of the address, in any case: what the caller spells out on the phone.
    const res = await admin.request('GET', '/api/v1/admin/messages?recipient=agent.perdu');
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json();
    expect(found.messages.map((m: { recipient: string }) => m.recipient)).toEqual(['Agent.Perdu@Exemple.fr']);
    expect(found.failed).toEqual([]);
    // « % » and « _ » are letters of an address, not wildcards.
    const none = (await admin.request('GET', '/api/v1/admin/messages?recipient=%25')).json();
    expect(none.messages).toEqual([]);
    const long = await admin.request('GET', `/api/v1/admin/messages?recipient=${'a'.repeat(400)}`);
    expect([long.statusCode, long.json().errors?.[0]?.field]).toEqual([422, 'querystring.recipient']);
  });
});

describe('the sender job, with SMTP_URL', () => {
  it('sends what is queued through the configured server', async () => {
    const smtp = await startTestSmtp();
    const app = await startTestApp({
      config: { smtpUrl: smtp.url, mailFrom: 'Pass <ne-pas-repondre@exemple.fr>' },
    });
    try {
      const { id } = await notifications.enqueue(app.database.db, EXAMPLE_MESSAGES[0] as MessageInput);
      for (let i = 0; i < 100 && smtp.received.length === 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(smtp.received.map((m) => m.messageId)).toEqual([`<${id}@exemple.fr>`]);
      expect(smtp.received[0]!.text).toContain('http://localhost:3000/invitation/exemple-jeton-invitation');
    } finally {
      await app.close();
      await smtp.close();
    }
  });
});
