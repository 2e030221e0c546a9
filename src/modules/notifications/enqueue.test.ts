import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationOutbox } from '../../db/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../../db/test/database.js';
import * as notifications from './service.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('notifications.enqueue', () => {
  it('writes a queued message in the caller’s transaction, and nothing when it rolls back', async () => {
    const { db } = database;
    const { id } = await db.transaction((tx) =>
      notifications.enqueue(tx, {
        to: ' Camille.Martin@Example.fr ',
        template: 'password_reset',
        params: { token: 'abc', displayName: 'Camille Martin' },
      }),
    );
    const [row] = await db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id!));
    expect(row).toMatchObject({ recipient: 'camille.martin@example.fr', status: 'queued', attempts: 0 });

    await expect(
      db.transaction(async (tx) => {
        await notifications.enqueue(tx, {
          to: 'rolled.back@example.fr',
          template: 'password_reset',
          params: { token: 'x' },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rolledBack = await db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.recipient, 'rolled.back@example.fr'));
    expect(rolledBack).toHaveLength(0);
  });

  it('writes a message once per dedupe key', async () => {
    const { db } = database;
    const message = {
      to: 'lieu@example.fr',
      template: 'usage_end_reminder' as const,
      params: {
        audience: 'place' as const,
        organisationName: 'Médiathèque',
        programName: 'Pass 2026',
        funderName: 'Département',
        usageEnd: '2026-12-31',
        daysLeft: 30,
      },
      dedupeKey: 'reminder:p1:o1:30',
    };
    const first = await notifications.enqueue(db, message);
    const second = await notifications.enqueue(db, message);
    expect(first.id).toBeTruthy();
    expect(second.id).toBeNull();
    const rows = await db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.dedupeKey, message.dedupeKey));
    expect(rows).toHaveLength(1);
  });
});
