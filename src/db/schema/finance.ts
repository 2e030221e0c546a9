import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { programs } from './programs.js';

/** Money actually received on account for a programme, by payer (the funder itself or a co-funder). */
export const fundings = pgTable(
  'fundings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    payer: text('payer').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    reference: text('reference').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.funderId, t.programId], foreignColumns: [programs.funderId, programs.id] }),
    check('fundings_amount', sql`${t.amountCents} > 0`),
  ],
);

/**
 * Double-entry postings, append-only. A movement is a set of postings sharing `movement`
 * whose amounts sum to zero; an account's balance is the sum of its postings.
 */
export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    movement: uuid('movement').notNull(),
    account: text('account').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    // The place owed (on 'redeemed': redemptions and their reversals) or paid (on 'paid'),
    // migration 0033; null on every other posting.
    placeId: uuid('place_id'),
  },
  (t) => [
    // The programme (funder_id, program_id) must exist: checked once per statement by the
    // ledger's statement trigger, not by a foreign key (migration 0025: its lock on the
    // programme row, taken by every concurrent redemption, was dear).
    index('ledger_postings_program_account').on(t.programId, t.account),
    // The closed set of accounts (core/ledger.ts): per programme, and one per payer.
    check(
      'ledger_postings_account',
      sql`${t.account} IN ('unactivated', 'outstanding', 'redeemed', 'paid', 'written_off', 'expired', 'cancelled', 'carried_out', 'carried_in') OR ${t.account} ~ '^payer:\\S'`,
    ),
    check(
      'ledger_postings_place',
      sql`(${t.placeId} IS NULL OR ${t.account} IN ('redeemed', 'paid', 'written_off')) AND (${t.account} NOT IN ('paid', 'written_off') OR ${t.placeId} IS NOT NULL)`,
    ),
    index('ledger_postings_place').on(t.placeId, t.programId, t.account).where(sql`${t.placeId} IS NOT NULL`),
  ],
);

/**
 * The cancellation of a funding recorded wrongly (append-only, at most one per funding):
 * its money leaves the account and the passes it backed in the funder's stock go back
 * to unactivated.
 */
export const fundingReversals = pgTable(
  'funding_reversals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    fundingId: uuid('funding_id')
      .notNull()
      .references(() => fundings.id),
    reason: text('reason').notNull(),
    reversedOn: date('reversed_on', { mode: 'string' }).notNull(),
    deactivatedPasses: integer('deactivated_passes').notNull(),
    /** Value taken back from passes cancelled or expired, once none circulates (migration 0050). */
    reclaimedCents: bigint('reclaimed_cents', { mode: 'number' }).notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'funding_reversals_program',
      columns: [t.funderId, t.programId],
      foreignColumns: [programs.funderId, programs.id],
    }),
    unique('funding_reversals_funding').on(t.fundingId),
    check('funding_reversals_reason', sql`btrim(${t.reason}) <> ''`),
    check('funding_reversals_reclaimed', sql`${t.reclaimedCents} >= 0`),
  ],
);
