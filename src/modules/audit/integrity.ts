import type { z } from 'zod';
import { type Actor, requireFunder } from '../../core/permissions.js';
import type { Db } from '../../db/client.js';
import type { AuditIntegrity } from './schemas.js';
import { head, verify } from './service.js';

/**
 * The journal's integrity, checked on demand from the funder's journal page: the whole chain
 * (every funder's entries are links of one chain: a gap in one funder's view may be another's
 * entry, so only the whole chain tells a deletion), the last seal to copy and keep outside the
 * platform, and the public key that checks its signature. The same check as `audit verify`.
 */
export type Integrity = z.infer<typeof AuditIntegrity>;

// One verification at a time for the whole instance: a second request while one runs shares
// its answer instead of reading the chain twice (it reads every entry).
let running: Promise<Integrity> | null = null;

export async function integrity(db: Db, actor: Actor, funderId: string): Promise<Integrity> {
  requireFunder(actor, 'audit:read', funderId, 'Financeur');
  running ??= check(db).finally(() => {
    running = null;
  });
  return running;
}

async function check(db: Db): Promise<Integrity> {
  const result = await verify(db);
  const h = await head(db);
  return {
    intact: result.ok,
    checkedEntries: result.count,
    pendingEntries: result.pending,
    brokenAtEntry: result.ok ? null : result.brokenAt,
    problem: result.ok
      ? null
      : `Le journal a été modifié ou amputé à l’entrée n° ${result.brokenAt} (${result.reason}). Prévenez l’exploitant de la plateforme et conservez cette page.`,
    seal: h.seal
      ? {
          seq: h.seal.seq,
          sealedAt: new Date(h.seal.sealedAt).toISOString(),
          lastEntryId: h.seal.lastEntryId === null ? null : Number(h.seal.lastEntryId),
          lastHash: h.seal.lastHash,
          signature: h.seal.signature,
        }
      : null,
    publicKeyPem: h.publicKeyPem,
  };
}
