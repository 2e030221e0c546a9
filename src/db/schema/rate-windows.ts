import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Hits counted per key in fixed windows, shared by every instance so that spreading
 * attempts over several of them gains nothing: logins per address, unknown pass codes per
 * key, user or address. A key is kept as a SHA-256 of its name (never an address or an API
 * key itself) and only until its window has closed (purged hourly): the least that lets
 * the limits hold.
 */
export const rateWindows = pgTable('rate_windows', {
  keyHash: text('key_hash').primaryKey(),
  hits: integer('hits').notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
});
