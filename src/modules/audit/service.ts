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
 * Appends an entry to the chain. Call it inside the use-case's transaction so the
 * entry exists exactly when the change does.
 */
export async function record(tx: Queryable, input: AuditInput): Promise<void> {
  await repo.lockChain(tx);
  const prevHash = (await repo.lastHash(tx)) ?? GENESIS_HASH;
  const at = new Date();
  const entry: ChainedEntry = {
    at: at.toISOString(),
    actorUserId: input.actor?.userId ?? null,
    actorLabel: input.actorLabel ?? input.actor?.email ?? 'système',
    funderId: input.funderId,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    summary: input.summary,
  };
  await repo.insertEntry(tx, { ...entry, at, prevHash, hash: entryHash(prevHash, entry) });
}

/** Checks the whole chain in batches, so memory stays flat on millions of entries. */
export async function verify(db: Db, onProgress?: (checked: number) => void): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let afterId = 0;
  let total = 0;
  for (;;) {
    const rows = await repo.entriesAfter(db, afterId, 5000);
    if (rows.length === 0) return { ok: true, count: total, lastHash: prev };
    const result = verifyChain(
      rows.map((r) => ({ ...r, at: r.at.toISOString() })),
      prev,
    );
    if (!result.ok) return { ...result, count: total + result.count };
    total += result.count;
    prev = result.lastHash;
    afterId = rows[rows.length - 1]!.id;
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
