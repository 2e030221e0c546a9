import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { organisations } from './funders.js';
import { passes } from './passes.js';
import { apiKeys } from './places.js';

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
    passId: bigint('pass_id', { mode: 'number' })
      .notNull()
      .references(() => passes.id),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    nonce: text('nonce').notNull(),
    theme: text('theme').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    format: text('format').notNull(),
    faceValueCents: integer('face_value_cents').notNull(),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('redemptions_place_nonce').on(t.placeId, t.nonce),
    uniqueIndex('redemptions_live_pass').on(t.passId).where(sql`${t.cancelledAt} IS NULL`),
    index('redemptions_program_month').on(t.programId, t.redeemedAt),
    index('redemptions_place').on(t.placeId, t.id),
    check('redemptions_format', sql`${t.format} IN ('individual', 'collective')`),
    check('redemptions_duration', sql`${t.durationMinutes} BETWEEN 15 AND 480`),
  ],
);
