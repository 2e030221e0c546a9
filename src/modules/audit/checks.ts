import { and, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db, Queryable } from '../../db/client.js';
import { auditChecks, auditSeals } from '../../db/schema/index.js';
import * as repo from './repo.js';
import { head, verify } from './service.js';

/**
 * The integrity check's runs (table audit_checks): one at a time for the whole platform,
 * started by whichever instance is asked first, its progress and heartbeat written as it
 * goes, its outcome once at the end. A run whose heartbeat is older than STALE_S died with
 * its instance: it reads as failed, and the next start closes it so.
 */
export const STALE_S = 30;
const PROGRESS_MS = 500;
const HEARTBEAT_MS = 5_000;

export type CheckRow = typeof auditChecks.$inferSelect & { stale: boolean };

const staleSql = sql<boolean>`(${auditChecks.finishedAt} IS NULL AND ${auditChecks.heartbeatAt} < now() - make_interval(secs => ${STALE_S}))`;

async function first(db: Queryable, where: SQL | undefined, order: PgColumn): Promise<CheckRow | undefined> {
  const [found] = await db
    .select({ row: auditChecks, stale: staleSql })
    .from(auditChecks)
    .where(where)
    .orderBy(desc(order))
    .limit(1);
  return found && { ...found.row, stale: found.stale };
}

export const findCheck = (db: Queryable, id: string) =>
  first(db, eq(auditChecks.id, id), auditChecks.startedAt);
export const runningCheck = (db: Queryable) =>
  first(db, isNull(auditChecks.finishedAt), auditChecks.startedAt);
export const lastFinishedCheck = (db: Queryable) =>
  first(db, isNotNull(auditChecks.finishedAt), auditChecks.finishedAt);

export async function sealOf(db: Queryable, seq: number | null) {
  if (seq === null) return undefined;
  const [row] = await db.select().from(auditSeals).where(eq(auditSeals.seq, seq));
  return row;
}

/**
 * The run in progress, or a new one: serialised across instances by a transaction-scoped
 * advisory lock (the unique index on the running row guards it as well). A stale run is
 * closed as failed (`interrupted`) first. `created` says whether the caller must run it.
 */
export async function openCheck(
  db: Db,
  startedBy: string | null,
): Promise<{ row: CheckRow; created: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('audit_checks'))`);
    const current = await runningCheck(tx);
    if (current && !current.stale) return { row: current, created: false };
    // Counted only for a new run (a join reads no entry), under the lock: the progress bar's end.
    const total = await repo.countEntries(tx);
    if (current)
      await tx
        .update(auditChecks)
        .set({ finishedAt: sql`now()`, outcome: 'failed', reason: 'interrupted' })
        .where(and(eq(auditChecks.id, current.id), isNull(auditChecks.finishedAt)));
    const [row] = await tx.insert(auditChecks).values({ startedBy, totalEntries: total }).returning();
    return { row: { ...row!, stale: false }, created: true };
  });
}

/** This process's runs, to wait for one without polling its row (the deprecated GET). */
const local = new Map<string, Promise<void>>();

export function localRun(id: string): Promise<void> | undefined {
  return local.get(id);
}

/** Runs the check of row `id` in this process, never throwing: a failure is recorded. */
export function runCheck(db: Db, id: string, onError: (e: unknown) => void): Promise<void> {
  const run = execute(db, id, onError).finally(() => local.delete(id));
  local.set(id, run);
  return run;
}

/**
 * This process's runs closed as interrupted, the server stopping: their readers are told at
 * once rather than when the heartbeat goes stale. A run's own end, if it still comes, then
 * changes nothing (it writes only an unfinished row).
 */
export async function interruptLocalRuns(db: Db): Promise<void> {
  await Promise.all(
    [...local.keys()].map((id) => finish(db, id, { outcome: 'failed', reason: 'interrupted' })),
  );
}

async function execute(db: Db, id: string, onError: (e: unknown) => void) {
  const progress = progressWriter(db, id, onError);
  try {
    const result = await verify(db, progress.onProgress);
    const h = await head(db);
    await progress.stop();
    await finish(db, id, {
      outcome: result.ok ? 'intact' : 'broken',
      checkedEntries: result.count,
      brokenAtEntry: result.ok ? null : result.brokenAt,
      reason: result.ok ? null : result.reason,
      pendingEntries: result.pending,
      sealSeq: h.seal?.seq ?? null,
    });
  } catch (e) {
    await progress.stop();
    onError(e);
    // What went wrong stays in the server's log: the run says only that it failed.
    await finish(db, id, { outcome: 'failed' }).catch(onError);
  }
}

function finish(db: Db, id: string, values: Partial<typeof auditChecks.$inferInsert>) {
  return db
    .update(auditChecks)
    .set({ ...values, finishedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(and(eq(auditChecks.id, id), isNull(auditChecks.finishedAt)));
}

/**
 * Writes the count checked at most every PROGRESS_MS, one write at a time, and the heartbeat
 * every HEARTBEAT_MS even when no seal ends meanwhile (a sealing backlog, a large seal).
 */
function progressWriter(db: Db, id: string, onError: (e: unknown) => void) {
  let latest = 0;
  let lastAt = Date.now();
  let inFlight: Promise<void> | null = null;
  const write = () => {
    if (inFlight) return;
    lastAt = Date.now();
    inFlight = db
      .update(auditChecks)
      .set({ checkedEntries: latest, heartbeatAt: sql`now()` })
      .where(and(eq(auditChecks.id, id), isNull(auditChecks.finishedAt)))
      .then(
        () => undefined,
        (e) => onError(e),
      )
      .finally(() => {
        inFlight = null;
      });
  };
  const timer = setInterval(write, HEARTBEAT_MS);
  timer.unref();
  return {
    onProgress(checked: number) {
      latest = checked;
      if (Date.now() - lastAt >= PROGRESS_MS) write();
    },
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
