import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { funders } from './funders.js';

/**
 * A funder's bank account, one row per version (migration 0027, append-only): the current
 * account is the latest; IBAN and BIC in electronic form (core/bank-account.ts).
 */
export const funderBankAccounts = pgTable(
  'funder_bank_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id')
      .notNull()
      .references(() => funders.id),
    iban: text('iban').notNull(),
    bic: text('bic').notNull(),
    holder: text('holder').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('funder_bank_accounts_current').on(t.funderId, t.recordedAt.desc(), t.id.desc()),
    check('funder_bank_accounts_iban', sql`${t.iban} ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}$'`),
    check('funder_bank_accounts_bic', sql`${t.bic} ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'`),
    check('funder_bank_accounts_holder', sql`length(${t.holder}) BETWEEN 2 AND 70`),
  ],
);
