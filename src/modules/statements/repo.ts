import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';

/** The instant a month ends in France: statements cover what happened before it. */
const monthEnd = (month: string) =>
  sql`((${month}::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Paris')`;

/** The funders that have redemptions (those a run may have something to issue for). */
export async function fundersWithRedemptions(tx: Queryable, funderId?: string) {
  const { rows } = await tx.execute<{ id: string }>(sql`
    SELECT f.id FROM funders f
     WHERE (${funderId ?? null}::uuid IS NULL OR f.id = ${funderId ?? null}::uuid)
       AND EXISTS (SELECT 1 FROM programs p WHERE p.funder_id = f.id)
     ORDER BY f.id`);
  return rows.map((r) => r.id);
}

/** Locks the funder's counter (created at 0 the first time) and returns its last number. */
export async function lockCounter(tx: Queryable, funderId: string): Promise<number> {
  await tx.execute(
    sql`INSERT INTO statement_counters (funder_id) VALUES (${funderId}) ON CONFLICT DO NOTHING`,
  );
  const { rows } = await tx.execute<{ last: number }>(
    sql`SELECT last_number AS last FROM statement_counters WHERE funder_id = ${funderId} FOR UPDATE`,
  );
  return rows[0]!.last;
}

export async function advanceCounter(tx: Queryable, funderId: string, last: number) {
  await tx.execute(sql`UPDATE statement_counters SET last_number = ${last} WHERE funder_id = ${funderId}`);
}

/**
 * Issues the funder's statements for the month in one statement (set-based: its cost grows
 * with the redemptions, not with one round trip per place). Lines: every live redemption
 * before the month's end in no statement yet (a late recording of an earlier month comes on
 * this one), and an adjustment for every cancellation before the month's end of a redemption
 * already on a statement. One statement per (programme, place) with lines, except those that
 * already have this month's statement (a rerun; their late lines wait for the next month).
 * Numbers follow `last` without gaps, in the order of the places' names.
 */
export async function issueMonth(tx: Queryable, funderId: string, month: string, last: number) {
  const { rows } = await tx.execute<{ n: number; first: number | null; last: number | null }>(sql`
    WITH candidates AS MATERIALIZED (
      SELECT r.id AS redemption_id, r.program_id, r.place_id, 'redemption'::text AS kind,
             r.face_value_cents::bigint AS amount
        FROM redemptions r
       WHERE r.funder_id = ${funderId} AND r.redeemed_at < ${monthEnd(month)} AND r.cancelled_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.redemption_id = r.id AND l.kind = 'redemption')
      UNION ALL
      SELECT r.id, r.program_id, r.place_id, 'adjustment', -r.face_value_cents::bigint
        FROM redemptions r
        JOIN statement_lines l ON l.redemption_id = r.id AND l.kind = 'redemption'
       WHERE r.funder_id = ${funderId} AND r.cancelled_at < ${monthEnd(month)}
         AND NOT EXISTS (SELECT 1 FROM statement_lines a WHERE a.redemption_id = r.id AND a.kind = 'adjustment')
    ),
    groups AS (
      SELECT c.program_id, c.place_id,
             count(*) FILTER (WHERE c.kind = 'redemption')::int AS n,
             coalesce(sum(c.amount) FILTER (WHERE c.kind = 'redemption'), 0)::bigint AS value,
             count(*) FILTER (WHERE c.kind = 'adjustment')::int AS an,
             coalesce(sum(c.amount) FILTER (WHERE c.kind = 'adjustment'), 0)::bigint AS adjustments
        FROM candidates c
       WHERE NOT EXISTS (SELECT 1 FROM statements s
                          WHERE s.program_id = c.program_id AND s.place_id = c.place_id AND s.month = ${month}::date)
       GROUP BY c.program_id, c.place_id
    ),
    numbered AS (
      SELECT g.*, ${last}::int + row_number() OVER (ORDER BY o.name, g.place_id, g.program_id)::int AS seq
        FROM groups g JOIN organisations o ON o.id = g.place_id
    ),
    made AS (
      INSERT INTO statements (funder_id, program_id, place_id, number, sequence, month, redemptions_count,
                              value_cents, adjustments_count, adjustments_cents, total_cents)
      SELECT ${funderId}, n.program_id, n.place_id,
             to_char(${month}::date, 'YYYY') || '-' || lpad(n.seq::text, 6, '0'), n.seq, ${month}::date,
             n.n, n.value, n.an, n.adjustments, n.value + n.adjustments
        FROM numbered n
      RETURNING id, program_id, place_id, sequence
    ),
    lines AS (
      INSERT INTO statement_lines (statement_id, redemption_id, kind, amount_cents)
      SELECT m.id, c.redemption_id, c.kind, c.amount
        FROM candidates c JOIN made m ON m.program_id = c.program_id AND m.place_id = c.place_id
    ),
    events AS (
      INSERT INTO statement_events (statement_id, event, status) SELECT m.id, 'issue', 'issued' FROM made m
    )
    SELECT count(*)::int AS n, min(sequence) AS first, max(sequence) AS last FROM made`);
  return rows[0]!;
}

/** The statements a run issued, for the notifications to their places. */
export async function issuedSince(tx: Queryable, funderId: string, afterSequence: number) {
  const { rows } = await tx.execute<{ id: string; placeId: string; number: string; totalCents: number }>(sql`
    SELECT id, place_id AS "placeId", number, total_cents::bigint AS "totalCents"
      FROM statements WHERE funder_id = ${funderId} AND sequence > ${afterSequence} ORDER BY sequence`);
  return rows.map((r) => ({ ...r, totalCents: Number(r.totalCents) }));
}
