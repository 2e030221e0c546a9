import { and, desc, eq, ilike, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { notificationOutbox } from '../../db/schema/index.js';
import { AWAITED_TEMPLATES } from './templates/types.js';

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

/**
 * Writes many messages in one statement (arrays unnested: one round trip and a fixed number of
 * parameters, however many messages); those whose dedupe key is already used are not written.
 */
export async function insertMessages(tx: Queryable, values: (typeof notificationOutbox.$inferInsert)[]) {
  if (values.length === 0) return 0;
  const column = <T>(pick: (v: (typeof values)[number]) => T) => sql.param(values.map(pick));
  const { rows } = await tx.execute<{ id: string }>(sql`
    INSERT INTO notification_outbox (recipient, template, params, funder_id, dedupe_key, send_before)
    SELECT * FROM unnest(${column((v) => v.recipient)}::text[], ${column((v) => v.template)}::text[],
                         ${column((v) => JSON.stringify(v.params ?? {}))}::jsonb[],
                         ${column((v) => v.funderId ?? null)}::uuid[], ${column((v) => v.dedupeKey ?? null)}::text[],
                         ${column((v) => v.sendBefore?.toISOString() ?? null)}::timestamptz[])
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`);
  return rows.length;
}

/**
 * A sender gives up a message whose lease ran out while it was `sending`: the sender died or
 * hung between claiming it and recording the outcome, maybe after the SMTP server accepted it.
 * It is not sent again by itself (it would then arrive twice): it becomes `failed`, listed
 * apart for the platform admin, who may send it again (with the same Message-ID).
 */
export async function abandonExpiredLeases(db: Queryable) {
  const { rows } = await db.execute<{ id: string }>(sql`
    UPDATE notification_outbox
       SET status = 'failed', last_error = 'interrupted', lease_until = NULL
     WHERE status = 'sending' AND lease_until < now()
    RETURNING id`);
  return rows.length;
}

/**
 * Claims due messages for one sender: each is `sending` under its claim token and a lease, in
 * this statement's own transaction, committed before anything is sent. SKIP LOCKED lets several
 * instances claim at once without taking the same message. Messages someone waits for go
 * first: a reset link asked on the day 5,000 statements are e-mailed does not wait for them.
 */
export async function claimDue(db: Queryable, claimToken: string, limit: number, leaseMs: number) {
  const { rows } = await db.execute<{
    id: string;
    recipient: string;
    template: string;
    params: Record<string, unknown>;
    attempts: number;
  }>(sql`
    UPDATE notification_outbox
       SET status = 'sending', attempts = attempts + 1, claim_token = ${claimToken},
           lease_until = now() + make_interval(secs => ${leaseMs / 1000})
     WHERE id IN (SELECT id FROM notification_outbox
                   WHERE status = 'queued' AND next_attempt_at <= now()
                     AND (send_before IS NULL OR send_before > now())
                   ORDER BY template IN (${sql.join(
                     AWAITED_TEMPLATES.map((t) => sql`${t}`),
                     sql`, `,
                   )}) DESC, next_attempt_at, created_at
                   LIMIT ${limit}
                   FOR UPDATE SKIP LOCKED)
    RETURNING id, recipient, template, params, attempts`);
  return rows;
}

/**
 * Records the SMTP server's acceptance. Only the claim's holder may (even after its lease ran
 * out and the message was given up: it was in fact sent). A one-time token in the params (an
 * invitation's, a reset's) is erased once sent: the outbox keeps no usable link.
 */
export async function markSent(db: Queryable, id: string, claimToken: string) {
  await db.execute(sql`
    UPDATE notification_outbox
       SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL,
           params = params - 'token'
     WHERE id = ${id} AND claim_token = ${claimToken}`);
}

/** A refusal: tried again later (exponential backoff), or `failed` after the last attempt. */
export async function markRefused(
  db: Queryable,
  id: string,
  claimToken: string,
  error: string,
  retryInMs: number | null,
) {
  await db.execute(sql`
    UPDATE notification_outbox
       SET status = ${retryInMs === null ? 'failed' : 'queued'},
           next_attempt_at = now() + make_interval(secs => ${(retryInMs ?? 0) / 1000}),
           last_error = ${error}, lease_until = NULL, claim_token = NULL
     WHERE id = ${id} AND claim_token = ${claimToken} AND status = 'sending'`);
}

/**
 * The messages under these dedupe keys that have not left (queued, or failed and awaiting the
 * admin) are withdrawn: never sent, their one-time link erased. One already being sent is past
 * stopping; one sent stays as it was.
 */
export async function withdrawUnsent(tx: Queryable, dedupeKeys: string[], reason?: string) {
  if (dedupeKeys.length === 0) return 0;
  const { rows } = await tx.execute<{ id: string }>(sql`
    UPDATE notification_outbox
       SET status = 'withdrawn', params = params - 'token', claim_token = NULL, lease_until = NULL,
           last_error = coalesce(${reason ?? null}::text, last_error)
     WHERE dedupe_key = ANY(${sql.param(dedupeKeys)}::text[]) AND status IN ('queued', 'failed')
    RETURNING id`);
  return rows.length;
}

/**
 * The messages whose one-time link expired before they left (queued, or failed and awaiting the
 * admin) are withdrawn, as `expired`: sent now, they would carry a dead link.
 */
export async function withdrawExpired(db: Queryable) {
  const { rows } = await db.execute<{ id: string }>(sql`
    UPDATE notification_outbox
       SET status = 'withdrawn', params = params - 'token', last_error = 'expired',
           claim_token = NULL, lease_until = NULL
     WHERE status IN ('queued', 'failed') AND send_before IS NOT NULL AND send_before <= now()
    RETURNING id`);
  return rows.length;
}

/** Deletes the messages sent or withdrawn that were written more than `days` days ago. */
export async function deleteDoneBefore(db: Queryable, days: number) {
  const { rows } = await db.execute<{ id: string }>(sql`
    DELETE FROM notification_outbox
     WHERE created_at < now() - make_interval(days => ${days}) AND status IN ('sent', 'withdrawn')
    RETURNING id`);
  return rows.length;
}

/** The platform admin sends a failed message again: queued now, its attempts counted afresh. */
export async function requeueFailed(db: Queryable, id: string) {
  const { rows } = await db.execute<{
    id: string;
    recipient: string;
    template: string;
    funderId: string | null;
  }>(sql`
    UPDATE notification_outbox
       SET status = 'queued', attempts = 0, next_attempt_at = now(), claim_token = NULL, lease_until = NULL
     WHERE id = ${id} AND status = 'failed'
    RETURNING id, recipient, template, funder_id AS "funderId"`);
  return rows[0];
}

export async function findMessage(db: Queryable, id: string) {
  const [row] = await db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id));
  return row;
}

/** The outbox for the platform admin, newest first; never the params (they may hold a link). */
export async function listMessages(
  db: Queryable,
  opts: { failed: boolean; limit: number; recipient?: string },
) {
  return db
    .select({
      id: notificationOutbox.id,
      funderId: notificationOutbox.funderId,
      recipient: notificationOutbox.recipient,
      template: notificationOutbox.template,
      status: notificationOutbox.status,
      attempts: notificationOutbox.attempts,
      nextAttemptAt: notificationOutbox.nextAttemptAt,
      lastError: notificationOutbox.lastError,
      createdAt: notificationOutbox.createdAt,
      sentAt: notificationOutbox.sentAt,
    })
    .from(notificationOutbox)
    .where(
      and(
        opts.failed ? eq(notificationOutbox.status, 'failed') : ne(notificationOutbox.status, 'failed'),
        opts.recipient ? ilike(notificationOutbox.recipient, containsPattern(opts.recipient)) : undefined,
      ),
    )
    .orderBy(desc(notificationOutbox.createdAt), desc(notificationOutbox.id))
    .limit(opts.limit);
}

export async function countByStatus(db: Queryable) {
  const { rows } = await db.execute<{ status: string; count: number }>(sql`
    SELECT status, count(*)::int AS count FROM notification_outbox GROUP BY status`);
  return rows;
}
