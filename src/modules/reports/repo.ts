import { sql } from 'drizzle-orm';
import type { PassCounts } from '../../core/dashboard.js';
import type { Queryable } from '../../db/client.js';

/** Pass counts per envelope (null: outside any envelope), in one pass over the programme's passes. */
export async function passCounts(db: Queryable, programId: string): Promise<Map<string | null, PassCounts>> {
  const { rows } = await db.execute<PassCounts & { envelopeId: string | null } & Record<string, unknown>>(sql`
    SELECT b.envelope_id AS "envelopeId",
           count(*)::int AS issued,
           count(*) FILTER (WHERE p.status <> 'issued')::int AS activated,
           count(*) FILTER (WHERE b.status = 'allocated')::int AS allocated,
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

/** Live redemptions per calendar month in Paris, oldest first. */
export async function redemptionsByMonth(db: Queryable, programId: string) {
  const { rows } = await db.execute<{ month: string; redemptions: number; valueCents: number }>(sql`
    SELECT to_char(redeemed_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS month,
           count(*)::int AS redemptions,
           sum(face_value_cents)::bigint AS "valueCents"
      FROM redemptions
     WHERE program_id = ${programId} AND cancelled_at IS NULL
     GROUP BY 1 ORDER BY 1`);
  return rows.map((r) => ({ ...r, valueCents: Number(r.valueCents) }));
}
