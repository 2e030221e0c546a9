import { and, asc, between, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { forEachBatch } from '../../db/batches.js';
import type { Queryable, Tx } from '../../db/client.js';
import { booklets, passes, stockMovements } from '../../db/schema/index.js';

/**
 * The oldest booklets still in the funder's stock for a programme (of one envelope when
 * `envelopeId` is given), locked for the move.
 */
export async function takeFromStock(tx: Queryable, programId: string, count: number, envelopeId?: string) {
  return tx
    .select({ id: booklets.id, serial: booklets.serial })
    .from(booklets)
    .where(
      and(
        eq(booklets.programId, programId),
        eq(booklets.status, 'stock'),
        envelopeId ? eq(booklets.envelopeId, envelopeId) : undefined,
      ),
    )
    .orderBy(asc(booklets.serial))
    .limit(count)
    .for('update', { skipLocked: true });
}

/** What a move needs of a booklet. */
const MOVED = {
  id: booklets.id,
  serial: booklets.serial,
  status: booklets.status,
  holderId: booklets.holderId,
  programId: booklets.programId,
};

/** Booklets of a funder by serial, locked for the move. */
export async function bookletsBySerial(tx: Queryable, funderId: string, serials: string[]) {
  return tx
    .select(MOVED)
    .from(booklets)
    .where(and(eq(booklets.funderId, funderId), inArray(booklets.serial, serials)))
    .for('update');
}

/** Moves booklets to a holder (or back to the funder's stock when `to` is null). */
export async function setHolder(tx: Queryable, ids: string[], to: string | null) {
  await tx
    .update(booklets)
    .set({ holderId: to, status: to ? 'allocated' : 'stock' })
    .where(inArray(booklets.id, ids));
}

export async function recordMovements(tx: Queryable, rows: (typeof stockMovements.$inferInsert)[]) {
  if (rows.length) await tx.insert(stockMovements).values(rows);
}

/**
 * A booklet still worth holding: one of its passes may yet be handed out. The end of usage
 * cancels the passes of booklets never handed out and leaves them where they were: counted
 * as held, they were offered at the desk, where handing them out was refused.
 */
const live = (booklet: SQL) =>
  sql`EXISTS (SELECT 1 FROM passes p WHERE p.booklet_id = ${booklet}.id AND p.status IN ('issued', 'active'))`;

/** What a prescriber holds: its booklets not yet handed out, by programme. */
export async function stockOf(tx: Queryable, organisationId: string) {
  return tx
    .select({
      serial: booklets.serial,
      size: booklets.size,
      programId: booklets.programId,
      funderId: booklets.funderId,
      envelopeId: booklets.envelopeId,
      // Written out: drizzle names a column of the selected table without its table here.
      funded: sql<boolean>`NOT EXISTS (SELECT 1 FROM passes p WHERE p.booklet_id = booklets.id AND p.status = 'issued')`,
    })
    .from(booklets)
    .where(
      and(eq(booklets.holderId, organisationId), eq(booklets.status, 'allocated'), live(sql.raw('booklets'))),
    )
    .orderBy(asc(booklets.serial));
}

export async function movementsOf(tx: Queryable, funderId: string, serial: string) {
  const result = await tx.execute<{
    kind: string;
    fromId: string | null;
    toId: string | null;
    at: Date;
    actorEmail: string | null;
  }>(sql`
    SELECT m.kind, m.from_id AS "fromId", m.to_id AS "toId", m.at, u.email AS "actorEmail"
    FROM stock_movements m JOIN booklets b ON b.id = m.booklet_id
    LEFT JOIN users u ON u.id = m.actor_user_id
    WHERE b.funder_id = ${funderId} AND b.serial = ${serial} ORDER BY m.id`);
  return result.rows;
}

/** The booklet by serial, locked for a change of hands (hand-out, block, replacement). */
export async function lockBooklet(tx: Queryable, serial: string) {
  const [row] = await tx
    .select({
      id: booklets.id,
      funderId: booklets.funderId,
      programId: booklets.programId,
      envelopeId: booklets.envelopeId,
      size: booklets.size,
      status: booklets.status,
      holderId: booklets.holderId,
      beneficiaryId: booklets.beneficiaryId,
      handedOutOn: booklets.handedOutOn,
    })
    .from(booklets)
    .where(eq(booklets.serial, serial))
    .for('update');
  return row;
}

/**
 * The prescriber answerable for a booklet: the one holding it, else the one it last went
 * to, which handed it out (a hand-out takes a booklet from its holder's stock and nothing
 * moves it afterwards). Null for a booklet in the funder's stock.
 */
export async function prescriberOf(tx: Queryable, booklet: { id: string; holderId: string | null }) {
  if (booklet.holderId) return booklet.holderId;
  const [last] = await tx
    .select({ toId: stockMovements.toId })
    .from(stockMovements)
    .where(eq(stockMovements.bookletId, booklet.id))
    .orderBy(desc(stockMovements.id))
    .limit(1);
  return last?.toId ?? null;
}

export async function inactivePasses(tx: Queryable, bookletId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(passes)
    .where(and(eq(passes.bookletId, bookletId), eq(passes.status, 'issued')));
  return row!.n;
}

/** The serials of these booklets that still have passes waiting for a funding, in order. */
export async function unfundedAmong(tx: Queryable, bookletIds: string[]): Promise<string[]> {
  if (!bookletIds.length) return [];
  const rows = await tx
    .selectDistinct({ serial: booklets.serial })
    .from(booklets)
    .innerJoin(passes, eq(passes.bookletId, booklets.id))
    .where(and(inArray(booklets.id, bookletIds), eq(passes.status, 'issued')))
    .orderBy(asc(booklets.serial));
  return rows.map((r) => r.serial);
}

/** The booklets a prescriber holds now, locked for a return to the funder's stock. */
export async function heldBy(tx: Queryable, organisationId: string) {
  return tx
    .select(MOVED)
    .from(booklets)
    .where(and(eq(booklets.holderId, organisationId), eq(booklets.status, 'allocated')))
    .orderBy(asc(booklets.serial))
    .for('update');
}

/** A programme's booklets from one serial to another (same prefix, so text order is number order), locked. */
export async function bookletsInRange(tx: Queryable, programId: string, first: string, last: string) {
  return tx
    .select({ id: booklets.id, serial: booklets.serial, status: booklets.status })
    .from(booklets)
    .where(and(eq(booklets.programId, programId), between(booklets.serial, first, last)))
    .orderBy(asc(booklets.serial))
    .for('update');
}

export interface PrescriberFigures {
  prescriberId: string;
  held: number;
  handedOut: number;
  redeemed: number;
  lastHandOutOn: string | null;
}

/**
 * Per prescriber of a funder (or one of them): booklets held now, booklets handed out (a
 * hand-out takes a booklet from the stock of the prescriber its last move went to), the
 * passes of those booklets redeemed, and the day of the last hand-out.
 */
export async function prescriberFigures(
  tx: Queryable,
  funderId: string,
  prescriberId?: string,
): Promise<PrescriberFigures[]> {
  const one = prescriberId ? sql`AND o.id = ${prescriberId}` : sql``;
  const { rows } = await tx.execute<PrescriberFigures & Record<string, unknown>>(sql`
    WITH last_move AS (
      SELECT DISTINCT ON (m.booklet_id) m.booklet_id, m.to_id
        FROM stock_movements m WHERE m.funder_id = ${funderId}
       ORDER BY m.booklet_id, m.id DESC
    ), handed AS (
      SELECT l.to_id AS prescriber_id, b.id, b.handed_out_on
        FROM booklets b JOIN last_move l ON l.booklet_id = b.id
       WHERE b.funder_id = ${funderId} AND b.handed_out_on IS NOT NULL
    )
    SELECT o.id AS "prescriberId",
           (SELECT count(*)::int FROM booklets b WHERE b.holder_id = o.id AND b.status = 'allocated'
               AND ${live(sql.raw('b'))}) AS held,
           (SELECT count(*)::int FROM handed h WHERE h.prescriber_id = o.id) AS "handedOut",
           (SELECT count(*)::int FROM handed h JOIN passes p ON p.booklet_id = h.id
             WHERE h.prescriber_id = o.id AND p.status = 'redeemed') AS redeemed,
           (SELECT max(h.handed_out_on)::text FROM handed h WHERE h.prescriber_id = o.id) AS "lastHandOutOn"
      FROM organisations o
     WHERE o.funder_id = ${funderId} AND o.kind = 'prescriber' ${one}`);
  return rows;
}

/** A programme's booklets by serial, locked for the move. */
export async function programBookletsBySerial(tx: Queryable, programId: string, serials: string[]) {
  return tx
    .select({ id: booklets.id, serial: booklets.serial, status: booklets.status })
    .from(booklets)
    .where(and(eq(booklets.programId, programId), inArray(booklets.serial, serials)))
    .orderBy(asc(booklets.serial))
    .for('update');
}

export interface BookletFilters {
  status?: string;
  envelopeId?: string;
  holderId?: string;
}

/**
 * How a page of booklets is ordered: `ranks` are the ids of the envelopes or prescribers in
 * the order of their names (the service sorts them in French, as the web app does: the
 * database's collation puts accented letters after z), and a booklet with none goes last
 * either way. The serial, unique, breaks ties in the same direction, so that the order is the
 * same at every reading and a page never repeats or skips a booklet of the one before.
 */
export interface BookletOrder {
  sort: 'serial' | 'status' | 'envelope' | 'holder';
  order: 'asc' | 'desc';
  ranks: string[];
}

/**
 * A page of a programme's booklets in the order asked, and how many match. The holder filter
 * also finds the booklets a prescriber has handed out (it held them last), as the funder
 * asks « what did this prescriber receive ».
 */
export async function listBooklets(
  tx: Queryable,
  programId: string,
  f: BookletFilters,
  by: BookletOrder,
  offset: number,
  limit: number,
) {
  const where = and(
    eq(booklets.programId, programId),
    f.status ? eq(booklets.status, f.status) : undefined,
    f.envelopeId ? eq(booklets.envelopeId, f.envelopeId) : undefined,
    f.holderId ? sql`${holderSql} = ${f.holderId}` : undefined,
  );
  const dir = by.order === 'asc' ? sql`ASC` : sql`DESC`;
  const ranked = by.sort === 'envelope' || by.sort === 'holder';
  const key =
    by.sort === 'status'
      ? // Their order of life, not the codes' alphabet.
        sql`CASE ${booklets.status} WHEN 'stock' THEN 0 WHEN 'allocated' THEN 1 WHEN 'handed_out' THEN 2 ELSE 3 END`
      : ranked
        ? sql`r.rank`
        : null;
  const rank = ranked
    ? sql`LEFT JOIN unnest(${sql.param(by.ranks)}::uuid[]) WITH ORDINALITY AS r(id, rank)
            ON r.id = ${by.sort === 'envelope' ? sql`${booklets.envelopeId}` : holderSql}`
    : sql``;
  const { rows } = await tx.execute<{
    serial: string;
    size: number;
    status: string;
    envelopeId: string | null;
    holderId: string | null;
    handedOutOn: string | null;
  }>(sql`
    SELECT ${booklets.serial}, ${booklets.size}, ${booklets.status}, ${booklets.envelopeId} AS "envelopeId",
           ${holderSql} AS "holderId", ${booklets.handedOutOn}::text AS "handedOutOn"
      FROM ${booklets}
      ${rank}
     WHERE ${where}
     ORDER BY ${key ? sql`${key} ${dir} NULLS LAST,` : sql``} ${booklets.serial} ${dir}
    OFFSET ${offset} LIMIT ${limit}`);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(booklets).where(where);
  return { rows, total: count!.n };
}

/** Who holds a booklet, or held it last (a booklet handed out or blocked keeps its last holder). */
const holderSql = sql`coalesce(${booklets.holderId}, (SELECT m.to_id FROM stock_movements m
  WHERE m.booklet_id = ${booklets.id} ORDER BY m.id DESC LIMIT 1))`;

/** The prescribers holding booklets of the programme, with how many active passes each holds. */
export async function holdersOfProgram(tx: Queryable, programId: string) {
  return tx
    .select({ organisationId: sql<string>`${booklets.holderId}`, passes: sql<number>`count(*)::int` })
    .from(booklets)
    .innerJoin(passes, eq(passes.bookletId, booklets.id))
    .where(
      and(eq(booklets.programId, programId), eq(booklets.status, 'allocated'), eq(passes.status, 'active')),
    )
    .groupBy(booklets.holderId);
}

/**
 * How many prescribers handed out at least one booklet of the programme in a period: a
 * booklet's prescriber is the organisation its last move gave it to (as for a prescriber's figures).
 */
export async function prescribersHandingOut(tx: Queryable, programId: string, from: string, to: string) {
  const { rows } = await tx.execute<{ n: number }>(sql`
    SELECT count(DISTINCT last.to_id)::int AS n
      FROM booklets b
     CROSS JOIN LATERAL (SELECT m.to_id FROM stock_movements m WHERE m.booklet_id = b.id ORDER BY m.id DESC LIMIT 1) last
     WHERE b.program_id = ${programId} AND b.handed_out_on BETWEEN ${from}::date AND ${to}::date`);
  return rows[0]?.n ?? 0;
}

/** The sizes of the programme's booklets the organisation holds, to hand out (smallest first). */
export async function sizesHeld(tx: Queryable, organisationId: string, programId: string) {
  const rows = await tx
    .selectDistinct({ size: booklets.size })
    .from(booklets)
    .where(
      and(
        eq(booklets.holderId, organisationId),
        eq(booklets.programId, programId),
        eq(booklets.status, 'allocated'),
      ),
    )
    .orderBy(asc(booklets.size));
  return rows.map((r) => r.size);
}

/**
 * A pass by its code (of this funder only, when one is given: `passes_code` is unique across
 * funders), with its booklet's serial, whereabouts and block.
 */
export async function passByCode(tx: Queryable, code: string, funderId?: string) {
  const [row] = await tx
    .select({
      id: passes.id,
      code: passes.code,
      funderId: passes.funderId,
      programId: passes.programId,
      status: passes.status,
      faceValueCents: passes.faceValueCents,
      validFrom: passes.validFrom,
      validUntil: passes.validUntil,
      bookletId: booklets.id,
      serial: booklets.serial,
      bookletStatus: booklets.status,
      holderId: booklets.holderId,
      handedOutOn: booklets.handedOutOn,
      blockedAt: booklets.blockedAt,
      blockReason: booklets.blockReason,
    })
    .from(passes)
    .innerJoin(booklets, eq(booklets.id, passes.bookletId))
    .where(and(eq(passes.code, code), funderId ? eq(passes.funderId, funderId) : undefined));
  return row;
}

export interface BookletOfFunder {
  serial: string;
  programId: string;
  size: number;
  status: string;
  holderId: string | null;
  beneficiaryId: string | null;
  handedOutOn: string | null;
  blockReason: string | null;
  blockedOn: string | null;
  replaces: string | null;
  redeemed: number;
  /** its passes expired, and cancelled (a blocked booklet's, or never handed out at the usage end) */
  expired: number;
  cancelled: number;
}

/** Every booklet of the funder, in serial order, a batch at a time (its export): where it is and whom it went to. */
export function forEachBookletOfFunder(
  tx: Tx,
  funderId: string,
  each: (rows: BookletOfFunder[]) => void | Promise<void>,
) {
  return forEachBatch(
    tx,
    sql`
    SELECT b.serial, b.program_id AS "programId", b.size, b.status, b.holder_id AS "holderId",
           b.beneficiary_id AS "beneficiaryId", to_char(b.handed_out_on, 'YYYY-MM-DD') AS "handedOutOn",
           b.block_reason AS "blockReason",
           to_char(b.blocked_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "blockedOn",
           o.serial AS replaces, c.redeemed, c.expired, c.cancelled
      FROM booklets b LEFT JOIN booklets o ON o.id = b.replaces_id
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE p.status = 'redeemed')::int AS redeemed,
               count(*) FILTER (WHERE p.status = 'expired')::int AS expired,
               count(*) FILTER (WHERE p.status = 'cancelled')::int AS cancelled
          FROM passes p WHERE p.booklet_id = b.id) c
     WHERE b.funder_id = ${funderId}
     ORDER BY b.serial`,
    each,
  );
}
