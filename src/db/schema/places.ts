import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { organisations } from './funders.js';
import { programs } from './programs.js';

/** The programmes whose passes a place accepts (its qualification by the funder). */
export const programPlaces = pgTable(
  'program_places',
  {
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    acceptedOn: date('accepted_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.placeId] }), index('program_places_place').on(t.placeId)],
);

/**
 * A place's key for its own software. Only a hash of the secret is kept: the key is
 * shown once at creation; `prefix` finds the row without revealing the secret.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    label: text('label').notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_place').on(t.placeId), check('api_keys_label', sql`length(${t.label}) > 0`)],
);
