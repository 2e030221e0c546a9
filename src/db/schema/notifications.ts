import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { funders } from './funders.js';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'withdrawn';

/**
 * The e-mail outbox (issue 12, point 7): written in the transaction of the change that causes
 * the message, sent later by the sender job (docs/architecture.md, "Messages").
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').references(() => funders.id),
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text('dedupe_key').unique(),
    /** `withdrawn`: its one-time link stopped working before it left; never sent (migration 0070). */
    status: text('status').$type<OutboxStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when a sender claims the message; only that sender may mark it sent. */
    claimToken: uuid('claim_token'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** An error code (e.g. `smtp 550`, `ECONNREFUSED`): never an address, a body or a secret. */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** A one-time link's expiry: past it, the message is withdrawn rather than sent (migration 0071). */
    sendBefore: timestamp('send_before', { withTimezone: true }),
  },
  (t) => [
    check(
      'notification_outbox_status',
      sql`${t.status} IN ('queued', 'sending', 'sent', 'failed', 'withdrawn')`,
    ),
    index('notification_outbox_created').on(t.createdAt),
  ],
);

/** A password reset link: only the token's SHA-256 is kept; single use, one hour. */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user').on(t.userId)],
);
