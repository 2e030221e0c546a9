import type { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.js';
import { type Actor, requireFunder } from '../../core/permissions.js';
import type { Db } from '../../db/client.js';
import * as checks from './checks.js';
import { auditKeys } from './keys.js';
import type { AuditIntegrity, AuditIntegrityCheck } from './schemas.js';

/**
 * The journal's integrity, checked on demand from the funder's journal page: the whole chain
 * (every funder's entries are links of one chain: a gap in one funder's view may be another's
 * entry, so only the whole chain tells a deletion), the last seal to copy and keep outside the
 * platform, and the public key that checks its signature. The same check as `audit verify`.
 * It reads every entry (minutes on millions): it runs in the background, one run for the whole
 * platform that every reader and every instance shares (checks.ts), and the page polls it.
 */
export type Integrity = z.infer<typeof AuditIntegrity>;
export type IntegrityCheck = z.infer<typeof AuditIntegrityCheck>;
type OnError = (e: unknown) => void;

const FAILED =
  'La vérification n’a pas pu se faire jusqu’au bout : relancez-la. Si l’échec se répète, prévenez l’exploitant de la plateforme.';
const INTERRUPTED =
  'La vérification a été interrompue (le serveur qui la faisait s’est arrêté) : relancez-la.';

/** Joins the run in progress, or starts one in this process (not awaited). */
export async function startIntegrityCheck(
  db: Db,
  actor: Actor,
  funderId: string,
  onError: OnError = () => {},
): Promise<IntegrityCheck> {
  requireFunder(actor, 'audit:read', funderId, 'Financeur');
  const { row, created } = await checks.openCheck(db, actor.userId);
  if (created) void checks.runCheck(db, row.id, onError);
  return view(db, row);
}

/** A run, started by anyone of any funder. */
export async function integrityCheck(db: Db, actor: Actor, funderId: string, checkId: string) {
  requireFunder(actor, 'audit:read', funderId, 'Financeur');
  const row = await checks.findCheck(db, checkId);
  if (!row) throw notFound('Vérification');
  return view(db, row);
}

/** The run to follow if one is in progress, and the last one that ended. */
export async function latestIntegrityChecks(db: Db, actor: Actor, funderId: string) {
  requireFunder(actor, 'audit:read', funderId, 'Financeur');
  const [running, last] = await Promise.all([checks.runningCheck(db), checks.lastFinishedCheck(db)]);
  return {
    running: running && !running.stale ? await view(db, running) : null,
    lastFinished: last ? await view(db, last) : null,
  };
}

/** The answer of the deprecated GET: starts or joins a run and waits for its end, as it used to. */
export async function integrity(
  db: Db,
  actor: Actor,
  funderId: string,
  onError?: OnError,
): Promise<Integrity> {
  let run = await startIntegrityCheck(db, actor, funderId, onError);
  while (run.state === 'running') {
    await (checks.localRun(run.id) ?? new Promise((resolve) => setTimeout(resolve, 250)));
    run = await integrityCheck(db, actor, funderId, run.id);
  }
  // The run failed or its instance stopped: said as the page says it, never a bare 500.
  if (!run.result) throw new DomainError('integrity_check_failed', run.problem ?? FAILED);
  return run.result;
}

async function view(db: Db, row: checks.CheckRow): Promise<IntegrityCheck> {
  const state = row.outcome ?? (row.stale ? 'failed' : 'running');
  const problem =
    state === 'broken'
      ? `Le journal a été modifié ou amputé à l’entrée n° ${row.brokenAtEntry} (${row.reason}). Prévenez l’exploitant de la plateforme et conservez cette page.`
      : state === 'failed'
        ? row.stale || row.reason === 'interrupted'
          ? INTERRUPTED
          : FAILED
        : null;
  const done = state === 'intact' || state === 'broken';
  const seal = done ? await checks.sealOf(db, row.sealSeq) : undefined;
  return {
    id: row.id,
    state,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    checkedEntries: row.checkedEntries,
    totalEntries: row.totalEntries,
    problem,
    result: done
      ? {
          intact: state === 'intact',
          checkedEntries: row.checkedEntries,
          pendingEntries: row.pendingEntries ?? 0,
          brokenAtEntry: row.brokenAtEntry,
          problem,
          seal: seal
            ? {
                seq: seal.seq,
                sealedAt: new Date(seal.sealedAt).toISOString(),
                lastEntryId: seal.entryIds.at(-1) ?? null,
                lastHash: seal.lastHash,
                signature: seal.signature,
              }
            : null,
          publicKeyPem: auditKeys().publicKeyPem,
        }
      : null,
  };
}
