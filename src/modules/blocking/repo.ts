import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { booklets } from '../../db/schema/index.js';

/**
 * Blocks a booklet: it stops circulating, and its passes not yet used are cancelled at
 * once. Returns how many passes were cancelled and the value that backed them; the booklet
 * keeps the count (`lost_passes`), what a replacement gives back.
 */
export async function block(tx: Queryable, bookletId: string, reason: 'lost' | 'stolen') {
  const result = await tx.execute<{ n: number; value: number }>(sql`
    WITH target AS (
      SELECT id, status AS was, face_value_cents FROM passes
       WHERE booklet_id = ${bookletId} AND status IN ('issued', 'active') FOR UPDATE
    ), cancelled AS (
      UPDATE passes p SET status = 'cancelled' FROM target t WHERE p.id = t.id
      RETURNING t.was, t.face_value_cents
    )
    SELECT count(*)::int AS n,
           coalesce(sum(face_value_cents) FILTER (WHERE was = 'active'), 0)::bigint AS value
      FROM cancelled`);
  const cancelled = result.rows[0]!;
  await tx
    .update(booklets)
    .set({ status: 'blocked', blockReason: reason, blockedAt: sql`now()`, lostPasses: cancelled.n })
    .where(eq(booklets.id, bookletId));
  return cancelled;
}
