import { sql } from 'drizzle-orm';
import { bigint, check, customType, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** PostgreSQL's 64-bit transaction id; read as text, only compared in SQL. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * Append-only, hash-chained journal of every mutation. `hash` covers the entry
 * and `prev_hash`, so editing or deleting any row breaks every later link.
 *
 * Writers insert entries unsealed, without waiting for one another; the sealer then
 * links committed entries into the chain (`chain_seq`, `prev_hash`, `hash`) in one
 * order. A global lock at write time would otherwise serialise every redemption.
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
    /** The writing transaction: entries whose writer has ended can be sealed. */
    writerXid: xid8('writer_xid').notNull().default(sql`pg_current_xact_id()`),
    chainSeq: bigint('chain_seq', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_entries_funder').on(t.funderId, t.id),
    index('audit_entries_unsealed').on(t.id).where(sql`${t.chainSeq} IS NULL`),
    check(
      'audit_entries_sealed',
      sql`(${t.chainSeq} IS NULL) = (${t.hash} IS NULL) AND (${t.hash} IS NULL) = (${t.prevHash} IS NULL)`,
    ),
  ],
);
