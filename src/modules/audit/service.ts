import {
  type ChainCheck,
  type ChainedEntry,
  entryHash,
  GENESIS_HASH,
  verifyChain,
} from '../../core/audit-chain.js';
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

const SEAL_BATCH = 2000;

/** Links every committed unsealed entry into the chain, in id order; returns how many. */
export async function seal(db: Db): Promise<number> {
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await repo.lockSealing(tx);
      const rows = await repo.sealable(tx, SEAL_BATCH);
      if (rows.length === 0) return 0;
      const last = await repo.lastSealed(tx);
      let prevHash = last?.hash ?? GENESIS_HASH;
      let chainSeq = last?.chainSeq ?? 0;
      const links = rows.map((row) => {
        const hash = entryHash(prevHash, contentOf(row));
        const link = { id: row.id, chainSeq: ++chainSeq, prevHash, hash };
        prevHash = hash;
        return link;
      });
      await repo.sealEntries(tx, links);
      return rows.length;
    });
    sealed += n;
    if (n < SEAL_BATCH) return sealed;
  }
}

/**
 * Seals what can be sealed, then checks the whole chain in batches, so memory stays
 * flat on millions of entries. `pending` counts entries still being written.
 */
export async function verify(
  db: Db,
  onProgress?: (checked: number) => void,
): Promise<ChainCheck & { pending: number }> {
  await seal(db);
  let prev = GENESIS_HASH;
  let afterSeq = 0;
  let total = 0;
  for (;;) {
    const rows = await repo.sealedAfter(db, afterSeq, 5000);
    if (rows.length === 0) {
      return { ok: true, count: total, lastHash: prev, pending: await repo.unsealedCount(db) };
    }
    const result = verifyChain(
      rows.map((r) => ({ ...contentOf(r), id: r.id, prevHash: r.prevHash ?? '', hash: r.hash ?? '' })),
      prev,
    );
    if (!result.ok) return { ...result, count: total + result.count, pending: 0 };
    total += result.count;
    prev = result.lastHash;
    afterSeq = rows[rows.length - 1]!.chainSeq!;
    onProgress?.(total);
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
