import { and, asc, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { auditEntries, auditSeals, users } from '../../db/schema/index.js';

export type AuditRow = typeof auditEntries.$inferSelect;
export type NewAuditRow = typeof auditEntries.$inferInsert;

// Only sealers take this lock: writers never wait for one another.
const SEAL_LOCK = 727_002;

export async function lockSealing(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`);
}

/** Through audit_append: the one writer of entries, which the redemption functions call too. */
export async function insertEntry(tx: Queryable, row: Omit<NewAuditRow, 'id' | 'writerXid'>): Promise<void> {
  await tx.execute(sql`SELECT audit_append(
    ARRAY[${row.at.toISOString()}]::timestamptz[], ARRAY[${row.actorUserId ?? null}]::uuid[],
    ARRAY[${row.actorLabel ?? null}]::text[], ARRAY[${row.funderId ?? null}]::uuid[],
    ARRAY[${row.action}]::text[], ARRAY[${row.objectType}]::text[], ARRAY[${row.objectId ?? null}]::text[],
    ARRAY[${JSON.stringify(row.summary)}]::jsonb[])`);
}

export type SealRow = typeof auditSeals.$inferSelect;

/** Where the chain stands: the end of the last seal, without the entries and hashes it lists. */
export async function lastSeal(tx: Queryable): Promise<Pick<SealRow, 'xidTo' | 'lastHash'> | undefined> {
  const [row] = await tx
    .select({ xidTo: auditSeals.xidTo, lastHash: auditSeals.lastHash })
    .from(auditSeals)
    .orderBy(desc(auditSeals.seq))
    .limit(1);
  return row;
}

/**
 * Where the next seal may end: no transaction older than the snapshot's xmin is still
 * running, so every entry they wrote is visible now and none can appear later. The range
 * is cut after about `limit` entries, at a transaction's end, so that a backlog seals in
 * bounded batches and one transaction's entries are never split between two seals (a
 * transaction that wrote more than `limit` entries is sealed whole).
 */
export async function sealableUpTo(tx: Queryable, from: string, limit: number): Promise<string> {
  const { rows } = await tx.execute<{ upTo: string }>(sql`
    WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
         cut AS (SELECT writer_xid AS xid FROM audit_entries, horizon
                  WHERE writer_xid >= ${from}::xid8 AND writer_xid < horizon.xmin
                  ORDER BY writer_xid OFFSET ${limit} LIMIT 1)
    SELECT coalesce(
      (SELECT min(a.writer_xid) FROM audit_entries a, cut, horizon
        WHERE a.writer_xid > cut.xid AND a.writer_xid < horizon.xmin),
      (SELECT xmin FROM horizon))::text AS "upTo"`);
  return rows[0]!.upTo;
}

/** The entries of a transaction-id range, in id order: exactly what a seal covers. */
export async function entriesWritten(tx: Queryable, from: string, to: string): Promise<AuditRow[]> {
  return tx
    .select()
    .from(auditEntries)
    .where(and(sql`${auditEntries.writerXid} >= ${from}::xid8`, sql`${auditEntries.writerXid} < ${to}::xid8`))
    .orderBy(asc(auditEntries.id));
}

export async function insertSeal(tx: Queryable, row: typeof auditSeals.$inferInsert): Promise<void> {
  await tx.insert(auditSeals).values(row);
}

export async function sealsAfter(tx: Queryable, afterSeq: number, limit: number): Promise<SealRow[]> {
  return tx
    .select()
    .from(auditSeals)
    .where(gt(auditSeals.seq, afterSeq))
    .orderBy(asc(auditSeals.seq))
    .limit(limit);
}

export async function writtenSince(tx: Queryable, from: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEntries)
    .where(sql`${auditEntries.writerXid} >= ${from}::xid8`);
  return row!.n;
}

export async function pageForFunders(
  tx: Queryable,
  funderIds: 'all' | string[],
  before: number | undefined,
  limit: number,
) {
  const conditions: SQL[] = [];
  if (funderIds !== 'all') conditions.push(inArray(auditEntries.funderId, funderIds));
  if (before !== undefined) conditions.push(lt(auditEntries.id, before));
  return tx
    .select({
      id: auditEntries.id,
      at: auditEntries.at,
      actorEmail: users.email,
      actorLabel: auditEntries.actorLabel,
      action: auditEntries.action,
      objectType: auditEntries.objectType,
      objectId: auditEntries.objectId,
      summary: auditEntries.summary,
    })
    .from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorUserId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEntries.id))
    .limit(limit);
}
