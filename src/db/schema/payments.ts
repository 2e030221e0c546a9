import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
import type { RunStatus, TransferStatus } from '../../core/payment-run.js';
import { users } from './accounts.js';
import { funderBankAccounts } from './bank-accounts.js';
import { funders, organisations } from './funders.js';
import { programs } from './programs.js';
import { placeBankAccounts } from './qualification.js';
import { statements } from './statements.js';

/** Payment runs, their transfers and the bank statements reconciling them (migrations 0034, 0054). */
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
    /** The four-eyes rule held when it was prepared (0055): its preparer never approves it. */
    fourEyes: boolean('four_eyes').notNull().default(false),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    sentBy: uuid('sent_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /**
     * The day the file asked the bank to execute (migration 0054): the requested one, or the
     * next bank business day when it had passed by the sending.
     */
    sentExecutionDate: date('sent_execution_date', { mode: 'string' }),
    /** The bank refused the whole file (0054): who recorded it, when, and the bank's reason. */
    rejectedBy: uuid('rejected_by').references(() => users.id),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
  },
  (t) => [
    index('payment_runs_funder').on(t.funderId, t.preparedAt.desc()),
    check(
      'payment_runs_status',
      sql`${t.status} IN ('prepared', 'approved', 'sent', 'cancelled', 'rejected')`,
    ),
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
    /** the partial transfer whose remainder this one pays (migration 0043), its root */
    complementOf: uuid('complement_of').references((): AnyPgColumn => paymentTransfers.id),
    /** the bank sent it back after booking it (migration 0048): the day, and its ISO reason */
    returnedOn: date('returned_on', { mode: 'string' }),
    returnReason: text('return_reason'),
  },
  (t) => [
    foreignKey({
      name: 'payment_transfers_program',
      columns: [t.funderId, t.programId],
      foreignColumns: [programs.funderId, programs.id],
    }),
    uniqueIndex('payment_transfers_one_per_place')
      .on(t.runId, t.programId, t.placeId)
      .where(sql`${t.complementOf} IS NULL`),
    uniqueIndex('payment_transfers_one_complement')
      .on(t.complementOf)
      .where(sql`${t.status} IN ('prepared', 'sent')`),
    check('payment_transfers_complement', sql`${t.complementOf} <> ${t.id}`),
    check(
      'payment_transfers_paid_within_amount',
      sql`${t.paidCents} IS NULL OR ${t.paidCents} <= ${t.amountCents}`,
    ),
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
    /** The file's SHA-256: the same statement is imported once (null before migration 0046). */
    contentSha256: text('content_sha256'),
  },
  (t) => [
    index('bank_imports_funder').on(t.funderId, t.importedAt.desc()),
    uniqueIndex('bank_imports_same_file')
      .on(t.funderId, t.contentSha256)
      .where(sql`${t.contentSha256} IS NOT NULL`),
  ],
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
    outcome: text('outcome').$type<'matched' | 'partial' | 'returned' | 'unmatched' | 'ignored'>().notNull(),
    reason: text('reason'),
    transferId: uuid('transfer_id').references(() => paymentTransfers.id),
    decision: text('decision').$type<'accept' | 'reject' | 'dismiss'>(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('bank_import_lines_import').on(t.importId, t.id)],
);

/** The remainder of a partial transfer the funder decided not to pay, with its reason (0043). */
export const paymentWriteOffs = pgTable(
  'payment_write_offs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    transferId: uuid('transfer_id')
      .notNull()
      .unique()
      .references(() => paymentTransfers.id),
    funderId: uuid('funder_id').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('payment_write_offs_amount', sql`${t.amountCents} > 0`),
    check('payment_write_offs_reason', sql`length(${t.reason}) BETWEEN 1 AND 500`),
  ],
);
