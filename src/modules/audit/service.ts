import { type ChainCheck, type ChainedEntry, entryHash, GENESIS_HASH } from '../../core/audit-chain.js';
import { type Actor, requireFunder } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as repo from './repo.js';

export interface AuditInput {
  /** null for the system itself (migrations, demo data, the command line). */
  actor: Actor | null;
  actorLabel?: string;
  funderId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: Record<string, unknown>;
}

/**
 * Appends an entry. Call it inside the use-case's transaction so the entry exists
 * exactly when the change does; the sealer links it into the chain after commit.
 */
export async function record(tx: Queryable, input: AuditInput): Promise<void> {
  await repo.insertEntry(tx, {
    at: new Date(),
    actorUserId: input.actor?.userId ?? null,
    actorLabel: input.actorLabel ?? input.actor?.email ?? 'système',
    funderId: input.funderId,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    summary: input.summary,
  });
}

function contentOf(row: repo.AuditRow): ChainedEntry {
  return {
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    funderId: row.funderId,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    summary: row.summary,
  };
}

const SEAL_BATCH = 5000;
const GENESIS_XID = '0';

/**
 * Seals the entries whose writing transactions have ended, in bounded seals while there is a
 * backlog; entries committed during the run wait for the next one. Returns how many.
 */
export async function seal(db: Db): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await repo.lockSealing(tx);
      const last = await repo.lastSeal(tx);
      const from = last?.xidTo ?? GENESIS_XID;
      const to = await repo.sealableUpTo(tx, from, SEAL_BATCH);
      if (BigInt(to) <= BigInt(from)) return 0;
      const rows = await repo.entriesWritten(tx, from, to);
      // An empty range needs no seal: the next one starts from the same place.
      if (rows.length === 0) return 0;
      const prevHash = last?.lastHash ?? GENESIS_HASH;
      const hashes: string[] = [];
      let hash = prevHash;
      for (const row of rows) {
        hash = entryHash(hash, contentOf(row));
        hashes.push(hash);
      }
      await repo.insertSeal(tx, {
        xidFrom: from,
        xidTo: to,
        entryIds: rows.map((r) => r.id),
        hashes,
        prevHash,
        lastHash: hash,
      });
      return rows.length;
    });
    sealed += n;
    // Caught up: what commits meanwhile waits for the next run. Looping on it instead kept
    // the sealer busy under load with a transaction for every handful of new entries.
    if (n <= SEAL_BATCH) return sealed;
  }
}

type SealCheck =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; brokenAt: number; reason: string; count: number };

/** Re-reads the entries a seal covers and recomputes its chain. */
async function checkSeal(db: Db, s: repo.SealRow, prev: string): Promise<SealCheck> {
  if (s.prevHash !== prev)
    return {
      ok: false,
      count: 0,
      brokenAt: s.entryIds[0] ?? 0,
      reason: 'seal does not follow the previous one',
    };
  const rows = await repo.entriesWritten(db, s.xidFrom, s.xidTo);
  let hash = prev;
  for (let i = 0; i < Math.max(rows.length, s.entryIds.length); i++) {
    const row = rows[i];
    const expectedId = s.entryIds[i];
    if (!row || row.id !== expectedId) {
      const brokenAt = Math.min(row?.id ?? Number.MAX_SAFE_INTEGER, expectedId ?? Number.MAX_SAFE_INTEGER);
      return {
        ok: false,
        count: i,
        brokenAt,
        reason: 'an entry was removed from or added to a sealed range',
      };
    }
    hash = entryHash(hash, contentOf(row));
    if (hash !== s.hashes[i])
      return { ok: false, count: i, brokenAt: row.id, reason: 'content does not match its hash' };
  }
  if (hash !== s.lastHash)
    return {
      ok: false,
      count: rows.length,
      brokenAt: s.entryIds.at(-1) ?? 0,
      reason: 'seal does not match its entries',
    };
  return { ok: true, count: rows.length, lastHash: hash };
}

/**
 * Seals what can be sealed, then checks every seal against the entries it covers, one
 * seal at a time, so memory stays flat on millions of entries. `pending` counts
 * entries whose transaction was still running.
 */
export async function verify(
  db: Db,
  onProgress?: (checked: number) => void,
): Promise<ChainCheck & { pending: number }> {
  await seal(db);
  let prev = GENESIS_HASH;
  let afterSeq = 0;
  let total = 0;
  let lastXid = GENESIS_XID;
  for (;;) {
    const seals = await repo.sealsAfter(db, afterSeq, 20);
    if (seals.length === 0) {
      return { ok: true, count: total, lastHash: prev, pending: await repo.writtenSince(db, lastXid) };
    }
    for (const s of seals) {
      const result = await checkSeal(db, s, prev);
      if (!result.ok) return { ...result, count: total + result.count, pending: 0 };
      total += result.count;
      prev = result.lastHash;
      lastXid = s.xidTo;
      afterSeq = s.seq;
      onProgress?.(total);
    }
  }
}

export async function trail(
  db: Db,
  actor: Actor,
  funderId: string,
  before: number | undefined,
  limit: number,
) {
  requireFunder(actor, 'audit:read', funderId, 'Financeur');
  const rows = await repo.pageForFunders(db, [funderId], before, limit + 1);
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({ ...r, at: r.at.toISOString(), actorEmail: r.actorEmail ?? r.actorLabel })),
    nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
