import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';

export interface CarryOverDecision {
  targetProgramId: string | null;
  decidedBy: string | null;
  decidedAt: Date;
}

/** The decision in force for a programme: its latest entry (a withdrawal has no target). */
export async function decisionOf(tx: Queryable, programId: string): Promise<CarryOverDecision | null> {
  const { rows } = await tx.execute<CarryOverDecision & Record<string, unknown>>(sql`
    SELECT target_program_id AS "targetProgramId", decided_by AS "decidedBy", decided_at AS "decidedAt"
      FROM carry_over_decisions WHERE program_id = ${programId} ORDER BY id DESC LIMIT 1`);
  return rows[0] ?? null;
}

export async function insertDecision(
  tx: Queryable,
  d: { funderId: string; programId: string; targetProgramId: string | null; decidedBy: string | null },
) {
  await tx.execute(sql`
    INSERT INTO carry_over_decisions (funder_id, program_id, target_program_id, decided_by)
    VALUES (${d.funderId}, ${d.programId}, ${d.targetProgramId}, ${d.decidedBy})`);
}

export interface CarryOverRow {
  fromProgramId: string;
  toProgramId: string;
  carriedOn: string;
  bookletIds: string[];
  passes: number;
  activePasses: number;
  valueCents: number;
  refusal: string | null;
}

export async function insertCarryOver(tx: Queryable, funderId: string, c: CarryOverRow) {
  await tx.execute(sql`
    INSERT INTO carry_overs (funder_id, from_program_id, to_program_id, carried_on, booklet_ids, passes,
                             active_passes, value_cents, refusal)
    VALUES (${funderId}, ${c.fromProgramId}, ${c.toProgramId}, ${c.carriedOn}, ${sql.param(c.bookletIds)}::uuid[],
            ${c.passes}, ${c.activePasses}, ${c.valueCents}, ${c.refusal})`);
}

/** The carry-overs out of a programme (at most one) and into it, oldest first. */
export async function carryOversOf(tx: Queryable, programId: string): Promise<CarryOverRow[]> {
  const { rows } = await tx.execute<CarryOverRow & { valueCents: string } & Record<string, unknown>>(sql`
    SELECT from_program_id AS "fromProgramId", to_program_id AS "toProgramId", carried_on::text AS "carriedOn",
           booklet_ids AS "bookletIds", passes, active_passes AS "activePasses", value_cents AS "valueCents", refusal
      FROM carry_overs WHERE from_program_id = ${programId} OR to_program_id = ${programId}
     ORDER BY created_at, id`);
  return rows.map((r) => ({ ...r, valueCents: Number(r.valueCents) }));
}
