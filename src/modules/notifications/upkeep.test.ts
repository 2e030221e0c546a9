import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notificationOutbox } from '../../db/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../../db/test/database.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';
import { EXAMPLE_MESSAGES } from './examples.js';
import * as notifications from './service.js';
import type { MessageInput } from './templates/types.js';

/*
 * The outbox does not keep what is of no more use. A link's e-mail that could not leave while
 * its link worked (a reset link lives an hour; the SMTP server was down for two) is withdrawn,
 * not sent dead. And the messages that went, or were withdrawn, go after the outbox's retention
 * period: they name people (their address, their name, their organisation) and nothing reads
 * them once the helpdesk's questions (« did my invitation go? ») are long answered.
 */
let database: TestDatabase;
let smtp: TestSmtp;
let mailer: notifications.Mailer;
beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtp();
  mailer = notifications.smtpMailer(smtp.url, 'Pass numérique <ne-pas-repondre@pass.example.gouv.fr>');
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await database.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await database.db.delete(notificationOutbox);
});

const run = () => notifications.sendDue(database.db, { mailer, publicUrl: 'https://pass.example.gouv.fr' });
const rowOf = async (id: string) =>
  (await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id)))[0]!;
const example = (template: string) => EXAMPLE_MESSAGES.find((m) => m.template === template) as MessageInput;
const enqueue = async (message: MessageInput) => (await notifications.enqueue(database.db, message)).id!;

describe('a link’s e-mail that could not leave in time', () => {
  it('is withdrawn instead of sent once its link has expired, and says so', async () => {
    const late = await enqueue({
      ...example('password_reset'),
      sendBefore: new Date(Date.now() + 3_600_000),
    });
    const onTime = await enqueue({ ...example('invitation'), sendBefore: new Date(Date.now() + 3_600_000) });
    // The SMTP server was down past the reset link's hour.
    await database.db.execute(
      sql`UPDATE notification_outbox SET send_before = now() - interval '1 minute' WHERE id = ${late}`,
    );
    expect(await run()).toMatchObject({ claimed: 1, sent: 1, expired: 1 });
    expect(smtp.received.map((m) => m.messageId)).toEqual([`<${onTime}@pass.example.gouv.fr>`]);
    expect(await rowOf(late)).toMatchObject({ status: 'withdrawn', lastError: 'expired', sentAt: null });
    expect((await rowOf(late)).params).not.toHaveProperty('token');
  });

  it('that had failed cannot be sent again once its link expired', async () => {
    const id = await enqueue({ ...example('password_reset'), sendBefore: new Date(Date.now() + 3_600_000) });
    await database.db.execute(sql`
      UPDATE notification_outbox SET status = 'failed', attempts = 8, last_error = 'ECONNREFUSED',
             send_before = now() - interval '1 minute'
       WHERE id = ${id}`);
    await notifications.keepOutbox(database.db);
    expect(await rowOf(id)).toMatchObject({ status: 'withdrawn', lastError: 'expired' });
    await expect(notifications.requeue(database.db, null, id)).rejects.toMatchObject({
      code: 'message_withdrawn',
      detail: expect.stringContaining('expiré'),
    });
  });

  it('is withdrawn by the hourly upkeep too, on a server that sends no e-mail', async () => {
    // Without SMTP no sender runs: the outbox page must not show a dead link as « En attente ».
    const id = await enqueue({ ...example('password_reset'), sendBefore: new Date(Date.now() + 3_600_000) });
    const noLink = await enqueue(example('statement_ready'));
    // Both written two hours ago; only the reset link has an expiry, and it has passed.
    await database.db.execute(sql`
      UPDATE notification_outbox SET created_at = now() - interval '2 hours' WHERE id IN (${id}, ${noLink})`);
    await database.db.execute(
      sql`UPDATE notification_outbox SET send_before = now() - interval '1 minute' WHERE id = ${id}`,
    );
    expect(await notifications.keepOutbox(database.db)).toMatchObject({ expired: 1 });
    expect((await rowOf(id)).status).toBe('withdrawn');
    expect((await rowOf(noLink)).status).toBe('queued');
  });
});

describe('the outbox’s retention', () => {
  it('deletes the messages sent or withdrawn before the retention period, and nothing else', async () => {
    const ids: Record<string, string> = {};
    for (const [name, status, age] of [
      ['oldSent', 'sent', '91 days'],
      ['oldWithdrawn', 'withdrawn', '91 days'],
      ['recentSent', 'sent', '89 days'],
      ['oldQueued', 'queued', '91 days'],
      ['oldFailed', 'failed', '91 days'],
    ] as const) {
      ids[name] = await enqueue(example('statement_ready'));
      await database.db.execute(sql`
        UPDATE notification_outbox
           SET status = ${status}, created_at = now() - ${age}::interval,
               sent_at = CASE WHEN ${status} = 'sent' THEN now() - ${age}::interval END
         WHERE id = ${ids[name]}`);
    }
    expect(notifications.OUTBOX_RETENTION_DAYS).toBe(90);
    expect(await notifications.keepOutbox(database.db)).toMatchObject({ deleted: 2 });
    const left = (await database.db.select({ id: notificationOutbox.id }).from(notificationOutbox)).map(
      (r) => r.id,
    );
    expect(left.sort()).toEqual([ids.recentSent, ids.oldQueued, ids.oldFailed].sort());
  });
});
