import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { auditEntries, users } from '../../db/schema/index.js';

export type AuditRow = typeof auditEntries.$inferSelect;
export type NewAuditRow = typeof auditEntries.$inferInsert;

// Only sealers take this lock: writers never wait for one another.
const SEAL_LOCK = 727_002;

export async function lockSealing(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`);
}

export async function insertEntry(tx: Queryable, row: NewAuditRow): Promise<void> {
  await tx.insert(auditEntries).values(row);
}

export async function lastSealed(tx: Queryable) {
  const [row] = await tx
    .select({ chainSeq: auditEntries.chainSeq, hash: auditEntries.hash })
    .from(auditEntries)
    .where(isNotNull(auditEntries.chainSeq))
    .orderBy(desc(auditEntries.chainSeq))
    .limit(1);
  return row;
}

/**
 * Unsealed entries whose writing transaction has ended: every transaction older than
 * the snapshot's xmin has committed or rolled back, so no such entry can appear later.
 */
export async function sealable(tx: Queryable, limit: number): Promise<AuditRow[]> {
  return tx
    .select()
    .from(auditEntries)
    .where(
      and(
        isNull(auditEntries.chainSeq),
        sql`${auditEntries.writerXid} < pg_snapshot_xmin(pg_current_snapshot())`,
      ),
    )
    .orderBy(asc(auditEntries.id))
    .limit(limit);
}

export async function sealEntries(
  tx: Queryable,
  links: { id: number; chainSeq: number; prevHash: string; hash: string }[],
): Promise<void> {
  await tx.execute(sql`
    UPDATE audit_entries e SET chain_seq = l.chain_seq, prev_hash = l.prev_hash, hash = l.hash
      FROM unnest(${sql.param(links.map((l) => l.id))}::bigint[], ${sql.param(links.map((l) => l.chainSeq))}::bigint[],
                  ${sql.param(links.map((l) => l.prevHash))}::text[], ${sql.param(links.map((l) => l.hash))}::text[])
           AS l(id, chain_seq, prev_hash, hash)
     WHERE e.id = l.id`);
}

export async function sealedAfter(tx: Queryable, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return tx
    .select()
    .from(auditEntries)
    .where(gt(auditEntries.chainSeq, afterSeq))
    .orderBy(asc(auditEntries.chainSeq))
    .limit(limit);
}

export async function unsealedCount(tx: Queryable): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEntries)
    .where(isNull(auditEntries.chainSeq));
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
