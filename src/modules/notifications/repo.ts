import type { Queryable } from '../../db/client.js';
import { notificationOutbox } from '../../db/schema/index.js';

export type OutboxRow = typeof notificationOutbox.$inferSelect;

/** Writes a message; with a dedupe key already used, writes nothing and returns undefined. */
export async function insertMessage(tx: Queryable, values: typeof notificationOutbox.$inferInsert) {
  const [row] = await tx
    .insert(notificationOutbox)
    .values(values)
    .onConflictDoNothing({ target: notificationOutbox.dedupeKey })
    .returning({ id: notificationOutbox.id });
  return row;
}
