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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { organisations } from './funders.js';
import { envelopes, programs } from './programs.js';

/** One issuing operation: N booklets of one size, for a programme and optionally an envelope. */
export const issueBatches = pgTable(
  'issue_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    envelopeId: uuid('envelope_id').references(() => envelopes.id),
    bookletSize: integer('booklet_size').notNull(),
    bookletCount: integer('booklet_count').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.funderId, t.programId], foreignColumns: [programs.funderId, programs.id] }),
    check('issue_batches_size', sql`${t.bookletSize} IN (5, 10)`),
    check('issue_batches_count', sql`${t.bookletCount} > 0`),
  ],
);

/**
 * A booklet (carnet): its passes travel together from the funder's stock to a
 * prescriber, then to a beneficiary. Status: stock → allocated → handed_out; blocked from any.
 */
export const booklets = pgTable(
  'booklets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    envelopeId: uuid('envelope_id').references(() => envelopes.id),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => issueBatches.id),
    serial: text('serial').notNull().unique(),
    size: integer('size').notNull(),
    status: text('status').notNull().default('stock'),
    holderId: uuid('holder_id').references(() => organisations.id),
    beneficiaryId: uuid('beneficiary_id'),
    handedOutOn: date('handed_out_on', { mode: 'string' }),
    replacesId: uuid('replaces_id'),
    /** Why and when a booklet stopped working: lost or stolen, declared by the beneficiary. */
    blockReason: text('block_reason'),
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    /** The passes its block cancelled: what its holder lost unused, which a replacement gives back. */
    lostPasses: integer('lost_passes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.funderId, t.programId], foreignColumns: [programs.funderId, programs.id] }),
    check('booklets_status', sql`${t.status} IN ('stock', 'allocated', 'handed_out', 'blocked')`),
    check(
      'booklets_holder',
      sql`(${t.status} = 'allocated') = (${t.holderId} IS NOT NULL) OR ${t.status} <> 'allocated'`,
    ),
    check(
      'booklets_handed_out',
      sql`(${t.status} = 'handed_out') <= (${t.beneficiaryId} IS NOT NULL AND ${t.handedOutOn} IS NOT NULL)`,
    ),
    check('booklets_blocked', sql`(${t.status} = 'blocked') = (${t.blockedAt} IS NOT NULL)`),
    check(
      'booklets_lost_passes',
      sql`(${t.status} = 'blocked') = (${t.lostPasses} IS NOT NULL) AND ${t.lostPasses} BETWEEN 0 AND ${t.size}`,
    ),
    check('booklets_block_reason', sql`${t.blockReason} IN ('lost', 'stolen')`),
    index('booklets_program_status').on(t.programId, t.status),
    index('booklets_holder').on(t.holderId),
    index('booklets_batch').on(t.batchId, t.serial),
    // A person's booklets (migration 0056): the record a person may ask for, the retention job.
    index('booklets_beneficiary').on(t.beneficiaryId).where(sql`${t.beneficiaryId} IS NOT NULL`),
  ],
);

/**
 * One pass (titre). Status: issued (not yet funded) → active → redeemed | expired | cancelled.
 * Validity dates are set at hand-out; an active pass without them is still in a stock.
 */
export const passes = pgTable(
  'passes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    bookletId: uuid('booklet_id')
      .notNull()
      .references(() => booklets.id),
    code: text('code').notNull(),
    faceValueCents: integer('face_value_cents').notNull(),
    status: text('status').notNull().default('issued'),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('passes_code').on(t.code),
    index('passes_booklet').on(t.bookletId),
    index('passes_program_status').on(t.programId, t.status),
    check('passes_status', sql`${t.status} IN ('issued', 'active', 'redeemed', 'expired', 'cancelled')`),
    check('passes_face_value', sql`${t.faceValueCents} > 0`),
    check('passes_redeemed', sql`(${t.status} = 'redeemed') = (${t.redeemedAt} IS NOT NULL)`),
  ],
);

/** Every move of a booklet between the funder's stock and prescribers, kept as history. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    funderId: uuid('funder_id').notNull(),
    bookletId: uuid('booklet_id')
      .notNull()
      .references(() => booklets.id),
    kind: text('kind').notNull(),
    fromId: uuid('from_id').references(() => organisations.id),
    toId: uuid('to_id').references(() => organisations.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
  },
  (t) => [
    check('stock_movements_kind', sql`${t.kind} IN ('allocate', 'transfer', 'return')`),
    index('stock_movements_booklet').on(t.bookletId, t.id),
    index('stock_movements_to').on(t.toId),
  ],
);
