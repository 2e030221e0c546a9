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
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { RunStatus, TransferStatus } from '../../core/payment-run.js';
import { users } from './accounts.js';
import { funderBankAccounts } from './bank-accounts.js';
import { funders, organisations } from './funders.js';
import { programs } from './programs.js';
import { placeBankAccounts } from './qualification.js';
import { statements } from './statements.js';

/** Payment runs, their transfers and the bank statements reconciling them (migration 0034). */
export const paymentRuns = pgTable(
  'payment_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id')
      .notNull()
      .references(() => funders.id),
    status: text('status').$type<RunStatus>().notNull().default('prepared'),
    debtorAccountId: uuid('debtor_account_id')
      .notNull()
      .references(() => funderBankAccounts.id),
    messageId: text('message_id').notNull().unique(),
    requestedExecutionDate: date('requested_execution_date', { mode: 'string' }).notNull(),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    transferCount: integer('transfer_count').notNull(),
    preparedBy: uuid('prepared_by')
      .notNull()
      .references(() => users.id),
    preparedAt: timestamp('prepared_at', { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    sentBy: uuid('sent_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('payment_runs_funder').on(t.funderId, t.preparedAt.desc()),
    check('payment_runs_status', sql`${t.status} IN ('prepared', 'approved', 'sent', 'cancelled')`),
  ],
);

export const paymentTransfers = pgTable(
  'payment_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => paymentRuns.id),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    placeAccountId: bigint('place_account_id', { mode: 'number' })
      .notNull()
      .references(() => placeBankAccounts.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    endToEndId: text('end_to_end_id').notNull().unique(),
    remittance: text('remittance').notNull(),
    status: text('status').$type<TransferStatus>().notNull().default('prepared'),
    paidCents: bigint('paid_cents', { mode: 'number' }),
    paidOn: date('paid_on', { mode: 'string' }),
  },
  (t) => [
    foreignKey({
      name: 'payment_transfers_program',
      columns: [t.funderId, t.programId],
      foreignColumns: [programs.funderId, programs.id],
    }),
    unique('payment_transfers_one_per_place').on(t.runId, t.programId, t.placeId),
    index('payment_transfers_place').on(t.placeId, t.programId),
  ],
);

export const paymentTransferStatements = pgTable(
  'payment_transfer_statements',
  {
    transferId: uuid('transfer_id')
      .notNull()
      .references(() => paymentTransfers.id),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id),
    live: boolean('live').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.transferId, t.statementId] }),
    uniqueIndex('payment_transfer_statements_live').on(t.statementId).where(sql`live`),
  ],
);

export const bankImports = pgTable(
  'bank_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id')
      .notNull()
      .references(() => funders.id),
    format: text('format').$type<'camt053' | 'csv'>().notNull(),
    fileName: text('file_name').notNull(),
    importedBy: uuid('imported_by')
      .notNull()
      .references(() => users.id),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('bank_imports_funder').on(t.funderId, t.importedAt.desc())],
);

export const bankImportLines = pgTable(
  'bank_import_lines',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    importId: uuid('import_id')
      .notNull()
      .references(() => bankImports.id),
    line: integer('line').notNull(),
    endToEndId: text('end_to_end_id'),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    debit: boolean('debit').notNull(),
    bookingDate: date('booking_date', { mode: 'string' }),
    label: text('label').notNull(),
    outcome: text('outcome').$type<'matched' | 'partial' | 'unmatched' | 'ignored'>().notNull(),
    reason: text('reason'),
    transferId: uuid('transfer_id').references(() => paymentTransfers.id),
    decision: text('decision').$type<'accept' | 'reject' | 'dismiss'>(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('bank_import_lines_import').on(t.importId, t.id)],
);
