import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { IssuedOnDay } from '../../core/program/plan-cap.js';
import type { Amendment, Envelope } from '../../core/program/types.js';
import type { Queryable } from '../../db/client.js';
import { envelopes, programAmendments, programs } from '../../db/schema/index.js';

export type ProgramRow = typeof programs.$inferSelect;

export async function insertProgram(tx: Queryable, values: { funderId: string; createdBy: string | null }) {
  const [row] = await tx.insert(programs).values(values).returning();
  return row!;
}

/** Locks the programme row: amendments and envelopes of one programme are checked one writer at a time. */
export async function findProgram(
  tx: Queryable,
  id: string,
  forUpdate = false,
): Promise<ProgramRow | undefined> {
  const query = tx.select().from(programs).where(eq(programs.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function allPrograms(tx: Queryable): Promise<ProgramRow[]> {
  return tx.select().from(programs).orderBy(asc(programs.createdAt));
}

export async function programsOfFunder(tx: Queryable, funderId: string): Promise<ProgramRow[]> {
  return tx.select().from(programs).where(eq(programs.funderId, funderId)).orderBy(asc(programs.createdAt));
}

function toAmendment(r: typeof programAmendments.$inferSelect): Amendment {
  return {
    id: r.id,
    kind: r.kind as Amendment['kind'],
    effectiveOn: r.effectiveOn,
    legal: {
      body: r.body,
      number: r.number,
      decidedOn: r.decidedOn,
      votesFor: r.votesFor,
      votesAgainst: r.votesAgainst,
      abstentions: r.abstentions,
      text: r.text,
    },
    changes: r.changes,
    rectifies: r.rectifiesId,
  };
}

/** Amendments of several programmes at once, grouped by programme. */
export async function amendmentsOf(tx: Queryable, programIds: string[]): Promise<Map<string, Amendment[]>> {
  const byProgram = new Map<string, Amendment[]>(programIds.map((id) => [id, []]));
  if (programIds.length === 0) return byProgram;
  const rows = await tx
    .select()
    .from(programAmendments)
    .where(inArray(programAmendments.programId, programIds));
  for (const r of rows) byProgram.get(r.programId)!.push(toAmendment(r));
  return byProgram;
}

export async function insertAmendment(
  tx: Queryable,
  program: ProgramRow,
  a: Omit<Amendment, 'id'>,
  createdBy: string | null,
): Promise<Amendment> {
  const [row] = await tx
    .insert(programAmendments)
    .values({
      funderId: program.funderId,
      programId: program.id,
      kind: a.kind,
      effectiveOn: a.effectiveOn,
      ...a.legal,
      changes: a.changes,
      rectifiesId: a.rectifies ?? null,
      createdBy,
    })
    .returning();
  return toAmendment(row!);
}

export async function envelopesOf(tx: Queryable, programId: string): Promise<Envelope[]> {
  const rows = await tx
    .select()
    .from(envelopes)
    .where(eq(envelopes.programId, programId))
    .orderBy(asc(envelopes.effectiveOn), asc(envelopes.name));
  return rows.map(({ id, name, cap, effectiveOn, territory }) => ({ id, name, cap, effectiveOn, territory }));
}

export async function envelopeNamed(tx: Queryable, programId: string, name: string) {
  const [row] = await tx
    .select({ id: envelopes.id })
    .from(envelopes)
    .where(and(eq(envelopes.programId, programId), eq(envelopes.name, name)));
  return row;
}

export async function insertEnvelope(
  tx: Queryable,
  program: ProgramRow,
  e: Omit<Envelope, 'id'>,
  createdBy: string | null,
): Promise<Envelope> {
  const [row] = await tx
    .insert(envelopes)
    .values({ funderId: program.funderId, programId: program.id, ...e, createdBy })
    .returning();
  const { id, name, cap, effectiveOn, territory } = row!;
  return { id, name, cap, effectiveOn, territory };
}

/**
 * Passes issued per day for a programme, and of them those outside any envelope; those received from a previous programme (carry_overs,
 * of `closing`) counted on the day they arrived. The one read of other modules' tables
 * (issue_batches, of `passes`): the plan may not fall below what is issued, and `passes`
 * already depends on this module, so asking its service would make a cycle.
 */
export async function issuedByDay(tx: Queryable, programId: string): Promise<IssuedOnDay[]> {
  const { rows } = await tx.execute<{ date: string; passes: number; outside: number }>(sql`
    SELECT date, sum(passes)::int AS passes, coalesce(sum(passes) FILTER (WHERE envelope_id IS NULL), 0)::int AS outside
      FROM (
        SELECT issued_on AS date, booklet_count * booklet_size AS passes, envelope_id
          FROM issue_batches WHERE program_id = ${programId}
        UNION ALL
        -- Carried passes enter outside any envelope (an envelope belongs to its programme).
        SELECT carried_on, passes, NULL FROM carry_overs WHERE to_program_id = ${programId} AND refusal IS NULL
      ) i GROUP BY date ORDER BY date`);
  return rows;
}

/**
 * The last day already lived under the programme's calendar: its last hand-out and the day of
 * its last session paid by a pass (not cancelled; a late session counts on its real day). An
 * amendment may not end the distribution or the usage before them.
 */
export async function lastActivity(
  tx: Queryable,
  programId: string,
): Promise<{ handOut: string | null; session: string | null }> {
  const { rows } = await tx.execute<{ handOut: string | null; session: string | null }>(sql`
    SELECT (SELECT max(handed_out_on)::text FROM booklets WHERE program_id = ${programId}) AS "handOut",
           (SELECT max(coalesce(ls.session_on, (r.redeemed_at AT TIME ZONE 'Europe/Paris')::date))::text
              FROM redemptions r LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
             WHERE r.program_id = ${programId} AND r.cancelled_at IS NULL) AS session`);
  return rows[0]!;
}

/**
 * What the end-of-programme run does to a programme once its usage end is past: its passes
 * never handed out (in stock or with a prescriber) are cancelled, and those handed out and not
 * used expire when the tolerance for late sessions is over (passes and booklets: read-only).
 */
export async function passesAtStake(
  tx: Queryable,
  programId: string,
): Promise<{ neverHandedOut: number; handedOutUnused: number }> {
  const { rows } = await tx.execute<{ neverHandedOut: number; handedOutUnused: number }>(sql`
    SELECT count(*) FILTER (WHERE b.status IN ('stock', 'allocated'))::int AS "neverHandedOut",
           count(*) FILTER (WHERE b.status = 'handed_out' AND p.status = 'active')::int AS "handedOutUnused"
      FROM passes p JOIN booklets b ON b.id = p.booklet_id
     WHERE p.program_id = ${programId} AND p.status IN ('issued', 'active')`);
  return rows[0]!;
}
