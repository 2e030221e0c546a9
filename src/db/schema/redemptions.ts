import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

/**
 * A place accepting a pass for a session. `nonce` is the client's idempotency key:
 * unique per place, so a retried request finds the first answer. At most one live
 * (not cancelled) redemption per pass, enforced by the database as well as by the
 * conditional update of the pass.
 */
export const redemptions = pgTable(
  'redemptions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    // pass_id, place_id and api_key_id refer to passes, organisations and api_keys, checked
    // once per statement by a trigger rather than by foreign keys (migration 0025: their
    // locks on rows every redemption shares were dear); those rows are never deleted.
    passId: bigint('pass_id', { mode: 'number' }).notNull(),
    placeId: uuid('place_id').notNull(),
    nonce: text('nonce').notNull(),
    theme: text('theme').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    format: text('format').notNull(),
    faceValueCents: integer('face_value_cents').notNull(),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    apiKeyId: uuid('api_key_id'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('redemptions_place_nonce').on(t.placeId, t.nonce),
    uniqueIndex('redemptions_live_pass').on(t.passId).where(sql`${t.cancelledAt} IS NULL`),
    index('redemptions_program_month').on(t.programId, t.redeemedAt),
    index('redemptions_place').on(t.placeId, t.id),
    // A place's cancellations awaiting their adjustment, for the payments' check (migration 0049).
    index('redemptions_cancelled').on(t.placeId, t.programId).where(sql`${t.cancelledAt} IS NOT NULL`),
    check('redemptions_format', sql`${t.format} IN ('individual', 'collective')`),
    check('redemptions_duration', sql`${t.durationMinutes} BETWEEN 15 AND 480`),
  ],
);

/**
 * The real date of a session recorded after the day it was given, within the programme's
 * tolerance period (migration 0036). Only late redemptions have a row; append-only.
 */
export const lateSessions = pgTable(
  'late_sessions',
  {
    redemptionId: bigint('redemption_id', { mode: 'number' })
      .primaryKey()
      .references(() => redemptions.id),
    sessionOn: date('session_on', { mode: 'string' }).notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
  },
  (t) => [check('late_sessions_before_recording', sql`${t.sessionOn} < ${t.recordedOn}`)],
);
