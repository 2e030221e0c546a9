import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { HandOver } from '../../core/audit-seal.js';
import { users } from './accounts.js';

/** PostgreSQL's 64-bit transaction id; read as text, compared in SQL or as BigInt. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * Append-only journal of every mutation (a trigger refuses UPDATE, DELETE, TRUNCATE).
 * Writers insert without waiting for one another, each entry stamped with its writing
 * transaction; `audit_seals` then chains the entries by hash, batch after batch.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label'),
    funderId: uuid('funder_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    /** The writing transaction: which seal covers the entry follows from it. */
    writerXid: xid8('writer_xid').notNull().default(sql`pg_current_xact_id()`),
    /**
     * The writer's proof: a MAC the application computes over what it writes, with a key
     * the database never holds (core/audit-proof.ts). Null only before migration 0015.
     */
    proof: text('proof'),
  },
  (t) => [
    index('audit_entries_funder').on(t.funderId, t.id),
    index('audit_entries_writer').on(t.writerXid),
    index('audit_entries_funder_action').on(t.funderId, t.action, t.id),
    // A booklet's story (stock.movementsOf: its hand-out, block, replacement); partial, so that
    // the redemptions' entries pay nothing for it (migration 0063).
    index('audit_entries_booklet').on(t.objectId, t.id).where(sql`${t.objectType} = 'booklet'`),
    // The « Personne » filter (audit/repo.ts): the text in the recorded label (a trigram index
    // serves ILIKE '%…%'), the entries by the accounts named, and about them (migration 0068);
    // what befell their access (invitations, roles) through audit_entries_funder_action.
    index('audit_entries_actor_label_trgm').using('gin', t.actorLabel.op('gin_trgm_ops')),
    index('audit_entries_actor').on(t.actorUserId, t.id),
    index('audit_entries_user').on(t.objectId, t.id).where(sql`${t.objectType} = 'user'`),
    // A place's journal (audit/repo.ts pageForPlace): the entries naming the place in their
    // summary, and those about the place or its team's invitations and memberships (migration 0096).
    index('audit_entries_place')
      .on(sql`(coalesce(${t.summary}->>'placeId', ${t.summary}->>'organisationId'))`, t.id)
      .where(sql`coalesce(${t.summary}->>'placeId', ${t.summary}->>'organisationId') IS NOT NULL`),
    index('audit_entries_place_object')
      .on(t.objectType, t.objectId, t.id)
      .where(sql`${t.objectType} IN ('organisation', 'invitation', 'membership')`),
  ],
);

/**
 * One seal covers every entry written by the transactions with an id in
 * [xid_from, xid_to): all of them had ended when the seal was made, so the set is
 * fixed for ever. `hashes[i] = sha256(hashes[i-1] ‖ canonical JSON of entry i)` in id
 * order, starting from the previous seal's last hash: editing, deleting or adding an
 * entry in a sealed range breaks the chain from there on. Append-only as well.
 */
export const auditSeals = pgTable(
  'audit_seals',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    epoch: integer('epoch')
      .notNull()
      .references(() => auditEpochs.epoch),
    xidFrom: xid8('xid_from').notNull(),
    xidTo: xid8('xid_to').notNull(),
    entryIds: bigint('entry_ids', { mode: 'number' }).array().notNull(),
    hashes: text('hashes').array().notNull(),
    prevHash: text('prev_hash').notNull(),
    lastHash: text('last_hash').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Which signing key (a digest of its public key); null on seals made before 0015. */
    keyId: text('key_id'),
    /** Ed25519 signature of the seal's statement (core/audit-seal.ts), base64. */
    signature: text('signature'),
    /**
     * Set on a hand-over of the signing key (`audit rotate-key`, migration 0085): a seal of no
     * entries, signed by the outgoing key, naming the incoming one (core/audit-seal.ts).
     */
    handOver: jsonb('hand_over').$type<HandOver>(),
  },
  (t) => [
    index('audit_seals_hand_over').on(t.seq).where(sql`${t.handOver} IS NOT NULL`),
    check('audit_seals_hand_over_empty', sql`${t.handOver} IS NULL OR cardinality(${t.entryIds}) = 0`),
  ],
);

/**
 * Transaction ids start again on a new server, so seals read their range of writing
 * transactions within an epoch: the entries from `first_entry_id` to the next epoch's.
 * A restore opens a new epoch. Entries below `proofs_from` predate writer proofs.
 */
export const auditEpochs = pgTable('audit_epochs', {
  epoch: integer('epoch').primaryKey(),
  firstEntryId: bigint('first_entry_id', { mode: 'number' }).notNull(),
  proofsFrom: bigint('proofs_from', { mode: 'number' }).notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
  reason: text('reason').notNull(),
});

/**
 * A check of the whole chain (audit/integrity.ts), run in the background by one instance and
 * shared by every reader: its progress and heartbeat move while it runs, then its outcome is
 * written once; a trigger refuses any change after that (migration 0069). One runs at a time.
 */
export const auditChecks = pgTable(
  'audit_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    startedBy: uuid('started_by').references(() => users.id),
    /** Moved by the running instance every few seconds: an old one means it died. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    checkedEntries: bigint('checked_entries', { mode: 'number' }).notNull().default(0),
    /** Entries in the journal when the run started, for the progress bar. */
    totalEntries: bigint('total_entries', { mode: 'number' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: text('outcome').$type<'intact' | 'broken' | 'failed'>(),
    brokenAtEntry: bigint('broken_at_entry', { mode: 'number' }),
    /** Where the chain breaks (verify's words), or `interrupted` for a run whose instance died. */
    reason: text('reason'),
    pendingEntries: integer('pending_entries'),
    /** The last seal when the run ended, to copy and keep outside the platform. */
    sealSeq: bigint('seal_seq', { mode: 'number' }).references(() => auditSeals.seq),
  },
  (t) => [
    check('audit_checks_outcome', sql`${t.outcome} IN ('intact', 'broken', 'failed')`),
    check('audit_checks_finished', sql`(${t.finishedAt} IS NULL) = (${t.outcome} IS NULL)`),
    check('audit_checks_broken', sql`(${t.outcome} = 'broken') = (${t.brokenAtEntry} IS NOT NULL)`),
    uniqueIndex('audit_checks_one_running').on(sql`(true)`).where(sql`${t.finishedAt} IS NULL`),
    index('audit_checks_finished_at').on(t.finishedAt).where(sql`${t.finishedAt} IS NOT NULL`),
  ],
);
