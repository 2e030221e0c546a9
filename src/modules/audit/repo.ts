import { and, desc, eq, gt, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { auditEntries, users } from '../../db/schema/index.js';

export type AuditRow = typeof auditEntries.$inferSelect;
export type NewAuditRow = typeof auditEntries.$inferInsert;

// One chain for the whole instance: the lock orders writers so each sees the previous hash.
const CHAIN_LOCK = 727_002;

export async function lockChain(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

export async function lastHash(tx: Queryable): Promise<string | undefined> {
  const [row] = await tx
    .select({ hash: auditEntries.hash })
    .from(auditEntries)
    .orderBy(desc(auditEntries.id))
    .limit(1);
  return row?.hash;
}

export async function insertEntry(tx: Queryable, row: NewAuditRow): Promise<void> {
  await tx.insert(auditEntries).values(row);
}

export async function entriesAfter(tx: Queryable, afterId: number, limit: number): Promise<AuditRow[]> {
  return tx
    .select()
    .from(auditEntries)
    .where(gt(auditEntries.id, afterId))
    .orderBy(auditEntries.id)
    .limit(limit);
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
