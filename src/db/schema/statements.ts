import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { funders, organisations } from './funders.js';
import { programs } from './programs.js';

/** Each funder's last statement number: locked FOR UPDATE by the run that numbers (migration 0033). */
export const statementCounters = pgTable('statement_counters', {
  funderId: uuid('funder_id')
    .primaryKey()
    .references(() => funders.id),
  lastNumber: integer('last_number').notNull().default(0),
});

/**
 * What a funder owes a place for one programme and one month: its redemptions, and the
 * adjustments for cancellations after an earlier statement. Figures never change; the status
 * moves along core/statement.ts (checked by a trigger too).
 */
export const statements = pgTable(
  'statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    // The parties as they were when the statement was issued (migration 0061): a document
    // already sent is never changed by a later rename.
    funderName: text('funder_name').notNull(),
    funderSiret: text('funder_siret').notNull(),
    placeName: text('place_name').notNull(),
    placeSiret: text('place_siret'),
    number: text('number').notNull(),
    sequence: integer('sequence').notNull(),
    month: date('month').notNull(),
    redemptionsCount: integer('redemptions_count').notNull(),
    valueCents: bigint('value_cents', { mode: 'number' }).notNull(),
    adjustmentsCount: integer('adjustments_count').notNull(),
    adjustmentsCents: bigint('adjustments_cents', { mode: 'number' }).notNull(),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('issued'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // The bank's booking date of the transfer that paid it, written by the `pay` step (0039).
    paidOn: date('paid_on'),
    // A place's final statement, issued on demand up to its day of issue (migration 0094).
    final: boolean('final').notNull().default(false),
  },
  (t) => [
    foreignKey({
      name: 'statements_program',
      columns: [t.funderId, t.programId],
      foreignColumns: [programs.funderId, programs.id],
    }),
    check('statements_month', sql`extract(day FROM ${t.month}) = 1`),
    check('statements_total', sql`${t.totalCents} = ${t.valueCents} + ${t.adjustmentsCents}`),
    check('statements_status', sql`${t.status} IN ('issued', 'contested', 'approved', 'in_payment', 'paid')`),
    check('statements_paid_on', sql`${t.paidOn} IS NULL OR ${t.status} = 'paid'`),
    uniqueIndex('statements_place_month').on(t.programId, t.placeId, t.month),
    uniqueIndex('statements_number').on(t.funderId, t.sequence),
    index('statements_funder_month').on(t.funderId, t.month),
    index('statements_place').on(t.placeId, t.month),
  ],
);

/** One redemption (or the adjustment for its cancellation) on one statement, append-only. */
export const statementLines = pgTable(
  'statement_lines',
  {
    // statement_id and redemption_id refer to statements and redemptions, checked once per
    // statement by a trigger rather than by foreign keys (migration 0033: a monthly run writes
    // a line per redemption); those rows are never deleted.
    statementId: uuid('statement_id').notNull(),
    redemptionId: bigint('redemption_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    check('statement_lines_kind', sql`${t.kind} IN ('redemption', 'adjustment')`),
    check('statement_lines_sign', sql`(${t.kind} = 'redemption') = (${t.amountCents} >= 0)`),
    // (redemption_id, kind) is the key (migration 0040): a redemption on at most one line of
    // each kind; no surrogate id, whose index every line of a monthly run would pay for.
    primaryKey({ name: 'statement_lines_pkey', columns: [t.redemptionId, t.kind] }),
    index('statement_lines_statement').on(t.statementId),
  ],
);

/** What happened to a statement, append-only: the payables "as of" a past date read these. */
export const statementEvents = pgTable(
  'statement_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id),
    event: text('event').notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorLabel: text('actor_label'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('statement_events_statement').on(t.statementId, t.at)],
);
