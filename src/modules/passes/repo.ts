import { and, desc, eq, sql } from 'drizzle-orm';
import type { PassCounts } from '../../core/dashboard.js';
import type { Queryable } from '../../db/client.js';
import { booklets, envelopes, issueBatches, passes, users } from '../../db/schema/index.js';

export type BatchRow = typeof issueBatches.$inferSelect;

/** Passes already issued for a programme, and for one of its envelopes. */
export async function issuedCounts(tx: Queryable, programId: string, envelopeId: string | null) {
  const [row] = await tx
    .select({
      program: sql<number>`coalesce(sum(${issueBatches.bookletCount} * ${issueBatches.bookletSize}), 0)::int`,
      envelope: sql<number>`coalesce(sum(${issueBatches.bookletCount} * ${issueBatches.bookletSize})
        FILTER (WHERE ${issueBatches.envelopeId} IS NOT DISTINCT FROM ${envelopeId}), 0)::int`,
    })
    .from(issueBatches)
    .where(eq(issueBatches.programId, programId));
  return row!;
}

/**
 * Booklets the programme issued before `batchId`: the next serial's sequence. From the issue
 * batches, not the booklets' programme: booklets carried over to a following programme keep
 * their serials, which the old programme must not give again.
 */
export async function bookletCount(tx: Queryable, programId: string, batchId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${issueBatches.bookletCount}), 0)::int` })
    .from(issueBatches)
    .where(and(eq(issueBatches.programId, programId), sql`${issueBatches.id} <> ${batchId}`));
  return row!.n;
}

export async function insertBatch(
  tx: Queryable,
  values: typeof issueBatches.$inferInsert,
): Promise<BatchRow> {
  const [row] = await tx.insert(issueBatches).values(values).returning();
  return row!;
}

export async function findBatch(tx: Queryable, programId: string, batchId: string) {
  const [row] = await tx
    .select()
    .from(issueBatches)
    .where(and(eq(issueBatches.programId, programId), eq(issueBatches.id, batchId)));
  return row;
}

/**
 * Inserts booklets and their passes in one statement per chunk: arrays bound as
 * parameters and expanded by unnest, which costs about what COPY does.
 */
export async function insertBooklets(
  tx: Queryable,
  batch: BatchRow,
  serials: string[],
  ids: string[],
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO booklets (id, funder_id, program_id, envelope_id, batch_id, serial, size)
    SELECT id, ${batch.funderId}::uuid, ${batch.programId}::uuid, ${batch.envelopeId}::uuid, ${batch.id}::uuid, serial, ${batch.bookletSize}
    FROM unnest(${sql.param(ids)}::uuid[], ${sql.param(serials)}::text[]) AS t(id, serial)`);
}

export async function insertPasses(
  tx: Queryable,
  batch: BatchRow,
  faceValueCents: number,
  bookletIds: string[],
  codes: string[],
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO passes (funder_id, program_id, booklet_id, code, face_value_cents)
    SELECT ${batch.funderId}::uuid, ${batch.programId}::uuid, booklet_id, code, ${faceValueCents}
    FROM unnest(${sql.param(bookletIds)}::uuid[], ${sql.param(codes)}::text[]) AS t(booklet_id, code)`);
}

/** The printer's file: every pass of a batch with its booklet, in booklet order. */
/**
 * A programme's issues, latest first: what each issued, on which envelope, by whom, and its
 * first and last booklets (from the booklets themselves: the serials follow the order in which
 * issues took the programme's lock, which their timestamps need not).
 */
export async function issuesOf(tx: Queryable, programId: string) {
  return tx
    .select({
      batchId: issueBatches.id,
      issuedOn: issueBatches.issuedOn,
      bookletCount: issueBatches.bookletCount,
      bookletSize: issueBatches.bookletSize,
      envelopeName: envelopes.name,
      issuedBy: users.displayName,
      firstSerial: sql<string>`min(${booklets.serial})`,
      lastSerial: sql<string>`max(${booklets.serial})`,
    })
    .from(issueBatches)
    .innerJoin(booklets, eq(booklets.batchId, issueBatches.id))
    .leftJoin(envelopes, eq(envelopes.id, issueBatches.envelopeId))
    .leftJoin(users, eq(users.id, issueBatches.createdBy))
    .where(eq(issueBatches.programId, programId))
    .groupBy(issueBatches.id, envelopes.name, users.displayName)
    .orderBy(desc(issueBatches.createdAt), desc(issueBatches.id));
}

/** The batch's rank among its programme's issues, the first one 1: « lot 3 » to a person. */
export async function batchNumber(tx: Queryable, batch: BatchRow): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(issueBatches)
    .where(
      and(
        eq(issueBatches.programId, batch.programId),
        // Compared in the database: a JS Date would drop the microseconds of created_at.
        sql`(${issueBatches.createdAt}, ${issueBatches.id}) <= (SELECT created_at, id FROM issue_batches WHERE id = ${batch.id})`,
      ),
    );
  return row?.n ?? 1;
}

/** How many codes the batch's file lists. */
export async function batchCodeCount(tx: Queryable, batchId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(passes)
    .innerJoin(booklets, eq(booklets.id, passes.bookletId))
    .where(eq(booklets.batchId, batchId));
  return row?.n ?? 0;
}

/**
 * The codes of the batch's next `bookletCount` booklets after the serial `after` (null: from
 * the first), in the file's order: by booklet, then by pass. Found by the index on (batch,
 * serial) from the last serial sent.
 */
export async function batchCodesPage(
  tx: Queryable,
  batchId: string,
  after: string | null,
  bookletCount: number,
) {
  const { rows } = await tx.execute<{ serial: string; code: string }>(sql`
    WITH page AS (
      SELECT id, serial FROM booklets
       WHERE batch_id = ${batchId} ${after === null ? sql`` : sql`AND serial > ${after}`}
       ORDER BY serial LIMIT ${bookletCount})
    SELECT page.serial, p.code FROM page JOIN passes p ON p.booklet_id = page.id
     ORDER BY page.serial, p.id`);
  return rows;
}

export async function bookletCodes(tx: Queryable, serial: string): Promise<string[]> {
  const rows = await tx
    .select({ code: passes.code })
    .from(passes)
    .innerJoin(booklets, eq(booklets.id, passes.bookletId))
    .where(eq(booklets.serial, serial))
    .orderBy(passes.id);
  return rows.map((r) => r.code);
}

export async function programOfCode(tx: Queryable, code: string): Promise<string | null> {
  const [row] = await tx.select({ programId: passes.programId }).from(passes).where(eq(passes.code, code));
  return row?.programId ?? null;
}

/**
 * Activates issued passes in issue order while their cumulated face value fits in
 * `maxValueCents`; returns how many and their value.
 */
export async function activateUpTo(tx: Queryable, programId: string, maxValueCents: number) {
  const result = await tx.execute<{ n: number; value: number }>(sql`
    WITH candidates AS (
      SELECT id, sum(face_value_cents) OVER (ORDER BY id) AS cumulated
      FROM passes WHERE program_id = ${programId} AND status = 'issued'
    ), activated AS (
      UPDATE passes p SET status = 'active' FROM candidates c
      WHERE p.id = c.id AND c.cumulated <= ${maxValueCents} AND p.status = 'issued'
      RETURNING p.face_value_cents
    )
    SELECT count(*)::int AS n, coalesce(sum(face_value_cents), 0)::bigint AS value FROM activated`);
  return result.rows[0]!;
}

/**
 * Withdraws activation from the latest active passes still in the funder's stock (booklets
 * neither allocated nor handed out), newest first, until their value covers `valueCents`, or
 * all of them when it cannot (the caller then covers the rest, or refuses and rolls back).
 * Passes and booklets are locked so that no allocation takes them meanwhile. Returns what it
 * deactivated.
 */
export async function deactivateInStock(tx: Queryable, programId: string, valueCents: number) {
  const { rows } = await tx.execute<{ id: number; value: number; cumulated: number }>(sql`
    WITH locked AS MATERIALIZED (
      SELECT p.id, p.face_value_cents FROM passes p JOIN booklets b ON b.id = p.booklet_id
       WHERE p.program_id = ${programId} AND p.status = 'active' AND b.status = 'stock'
       FOR UPDATE OF p, b
    ), ranked AS (
      SELECT id, face_value_cents, sum(face_value_cents) OVER (ORDER BY id DESC) AS cumulated FROM locked
    )
    SELECT id, face_value_cents AS value, cumulated::bigint AS cumulated FROM ranked
     WHERE cumulated - face_value_cents < ${valueCents} ORDER BY id DESC`);
  const value = rows.reduce((t, r) => t + Number(r.value), 0);
  const ids = rows.map((r) => Number(r.id));
  await tx.execute(sql`
    UPDATE passes SET status = 'issued' WHERE id = ANY(${sql.param(ids)}::bigint[]) AND status = 'active'`);
  return { n: ids.length, value };
}

/** Active passes of a programme that have left the funder's stock (allocated or handed out). */
export async function circulatingCount(tx: Queryable, programId: string): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM passes p JOIN booklets b ON b.id = p.booklet_id
     WHERE p.program_id = ${programId} AND p.status = 'active' AND b.status <> 'stock'`);
  return rows[0]!.n;
}

export async function statusCounts(tx: Queryable, programId: string) {
  const result = await tx.execute<{ status: string; n: number }>(
    sql`SELECT status, count(*)::int AS n FROM passes WHERE program_id = ${programId} GROUP BY status`,
  );
  return result.rows;
}

/** Programmes with active passes whose validity ended before `today`. */
export async function programsWithOverdue(tx: Queryable, today: string): Promise<string[]> {
  const { rows } = await tx.execute<{ programId: string }>(sql`
    SELECT DISTINCT program_id AS "programId" FROM passes
     WHERE status = 'active' AND valid_until < ${today}::date`);
  return rows.map((r) => r.programId);
}

/**
 * Passes whose validity ended before `before` stop being usable: one statement marks the
 * programme's expired and returns how many and their value, for the ledger.
 */
export async function expireOverdue(tx: Queryable, programId: string, before: string) {
  const result = await tx.execute<{ funderId: string; programId: string; n: number; value: number }>(sql`
    WITH expired AS (
      UPDATE passes SET status = 'expired'
       WHERE program_id = ${programId} AND status = 'active' AND valid_until < ${before}::date
      RETURNING funder_id, program_id, face_value_cents
    )
    SELECT funder_id AS "funderId", program_id AS "programId", count(*)::int AS n,
           sum(face_value_cents)::bigint AS value
      FROM expired GROUP BY funder_id, program_id`);
  return result.rows.map((r) => ({ ...r, value: Number(r.value) }));
}

/** Pass counts per envelope (null: outside any envelope), in one pass over the programme's passes. */
export async function passCounts(db: Queryable, programId: string): Promise<Map<string | null, PassCounts>> {
  const { rows } = await db.execute<PassCounts & { envelopeId: string | null } & Record<string, unknown>>(sql`
    SELECT b.envelope_id AS "envelopeId",
           count(*)::int AS issued,
           count(*) FILTER (WHERE p.status <> 'issued')::int AS activated,
           count(*) FILTER (WHERE b.status = 'allocated' AND p.status IN ('issued', 'active'))::int AS allocated,
           count(*) FILTER (WHERE b.beneficiary_id IS NOT NULL)::int AS "handedOut",
           count(*) FILTER (WHERE p.status = 'redeemed')::int AS redeemed,
           count(*) FILTER (WHERE p.status = 'expired')::int AS expired,
           count(*) FILTER (WHERE p.status = 'cancelled')::int AS cancelled,
           count(*) FILTER (WHERE p.status = 'active' AND b.status = 'handed_out')::int AS outstanding
      FROM passes p JOIN booklets b ON b.id = p.booklet_id
     WHERE p.program_id = ${programId}
     GROUP BY b.envelope_id`);
  return new Map(rows.map(({ envelopeId, ...counts }) => [envelopeId, counts]));
}

/**
 * Cancels the programme's passes never handed out (in the funder's stock or a prescriber's),
 * returning how many and the value of those that were active (issued ones carry no value yet).
 */
export async function cancelNeverHandedOut(tx: Queryable, programId: string) {
  const { rows } = await tx.execute<{ n: number; value: number | null }>(sql`
    WITH target AS (
      SELECT p.id, p.status AS was, p.face_value_cents FROM passes p JOIN booklets b ON b.id = p.booklet_id
       WHERE p.program_id = ${programId} AND p.status IN ('issued', 'active') AND b.status IN ('stock', 'allocated')
         FOR UPDATE OF p
    ), done AS (
      UPDATE passes SET status = 'cancelled' FROM target WHERE passes.id = target.id
      RETURNING target.was, target.face_value_cents
    )
    SELECT count(*)::int AS n, (sum(face_value_cents) FILTER (WHERE was = 'active'))::bigint AS value FROM done`);
  return { n: rows[0]?.n ?? 0, value: Number(rows[0]?.value ?? 0) };
}

/** Expires every active pass of the programme, whatever its printed validity (the programme's end). */
export async function expireAllActive(tx: Queryable, programId: string) {
  const { rows } = await tx.execute<{ n: number; value: number | null }>(sql`
    WITH done AS (
      UPDATE passes SET status = 'expired' WHERE program_id = ${programId} AND status = 'active'
      RETURNING face_value_cents
    )
    SELECT count(*)::int AS n, sum(face_value_cents)::bigint AS value FROM done`);
  return { n: rows[0]?.n ?? 0, value: Number(rows[0]?.value ?? 0) };
}

/**
 * Passes never handed out, how many of them are active (funded), and the value of those: what
 * a carry-over would move. Passes not yet funded carry no money, hence no value.
 */
export async function neverHandedOutCounts(tx: Queryable, programId: string) {
  const { rows } = await tx.execute<{ n: number; active: number; value: string | null }>(sql`
    SELECT count(*)::int AS n, (count(*) FILTER (WHERE p.status = 'active'))::int AS active,
           (sum(p.face_value_cents) FILTER (WHERE p.status = 'active'))::bigint AS value
      FROM passes p JOIN booklets b ON b.id = p.booklet_id
     WHERE p.program_id = ${programId} AND p.status IN ('issued', 'active') AND b.status IN ('stock', 'allocated')`);
  return { n: rows[0]?.n ?? 0, active: rows[0]?.active ?? 0, value: Number(rows[0]?.value ?? 0) };
}

/**
 * Passes cancelled in booklets never handed out: those the end of usage cancelled (a blocked
 * booklet's cancelled passes are in a booklet `blocked`, not counted).
 */
export async function cancelledNeverHandedOut(tx: Queryable, programId: string): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM passes p JOIN booklets b ON b.id = p.booklet_id
     WHERE p.program_id = ${programId} AND p.status = 'cancelled' AND b.status IN ('stock', 'allocated')`);
  return rows[0]?.n ?? 0;
}

/**
 * Moves the programme's booklets never handed out (in the funder's stock or a prescriber's)
 * and their passes to another programme of the same funder, outside any envelope (an envelope
 * is the old programme's). Returns the booklets, how many passes, how many active and their value.
 */
export async function moveNeverHandedOut(tx: Queryable, fromId: string, toId: string) {
  const { rows } = await tx.execute<{
    bookletIds: string[] | null;
    n: number;
    active: number;
    value: string;
  }>(sql`
    WITH moved_booklets AS (
      UPDATE booklets b SET program_id = ${toId}, envelope_id = NULL
       WHERE b.program_id = ${fromId} AND b.status IN ('stock', 'allocated')
         AND EXISTS (SELECT 1 FROM passes p WHERE p.booklet_id = b.id AND p.status IN ('issued', 'active'))
      RETURNING b.id
    ), moved AS (
      UPDATE passes p SET program_id = ${toId} FROM moved_booklets mb
       WHERE p.booklet_id = mb.id AND p.program_id = ${fromId} AND p.status IN ('issued', 'active')
      RETURNING p.status, p.face_value_cents
    )
    SELECT (SELECT array_agg(id ORDER BY id) FROM moved_booklets) AS "bookletIds", count(*)::int AS n,
           count(*) FILTER (WHERE status = 'active')::int AS active,
           coalesce(sum(face_value_cents) FILTER (WHERE status = 'active'), 0)::bigint AS value
      FROM moved`);
  const r = rows[0]!;
  return { bookletIds: r.bookletIds ?? [], n: r.n, active: r.active, value: Number(r.value) };
}

/**
 * A programme's passes issued and handed out in a period and up to its end, for its report:
 * issued by the day of their issue, handed out by the day of their booklet's hand-out (a booklet
 * blocked since still counts: it reached a person). The programme's passes as they are now: those
 * carried over to a following programme are that one's, those received from a previous one this
 * one's, on their issue day.
 */
export async function periodCounts(tx: Queryable, programId: string, from: string, to: string) {
  const { rows } = await tx.execute<{
    issued: number;
    issuedToDate: number;
    handedOut: number;
    handedOutToDate: number;
  }>(sql`
    SELECT count(*) FILTER (WHERE ib.issued_on BETWEEN ${from}::date AND ${to}::date)::int AS issued,
           count(*) FILTER (WHERE ib.issued_on <= ${to}::date)::int AS "issuedToDate",
           count(*) FILTER (WHERE b.handed_out_on BETWEEN ${from}::date AND ${to}::date)::int AS "handedOut",
           count(*) FILTER (WHERE b.handed_out_on <= ${to}::date)::int AS "handedOutToDate"
      FROM passes p JOIN booklets b ON b.id = p.booklet_id JOIN issue_batches ib ON ib.id = b.batch_id
     WHERE p.program_id = ${programId}`);
  return rows[0]!;
}
