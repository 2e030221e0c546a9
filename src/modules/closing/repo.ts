import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';

export interface ReminderRecipient {
  audience: 'prescriber' | 'place';
  organisationId: string;
  organisationName: string;
  email: string;
  /** Prescribers: active passes in the booklets they hold. */
  passesInStock: number | null;
}

/**
 * Who is reminded of a programme's usage end: the members of each prescriber still holding
 * booklets of it with passes not used, and of each place it takes (standing approved). Read
 * in one statement over the stock, the programme's places and the memberships: a read for a
 * daily job, no other module has it, and it writes nothing.
 */
export async function reminderRecipients(tx: Queryable, programId: string): Promise<ReminderRecipient[]> {
  const { rows } = await tx.execute<ReminderRecipient & Record<string, unknown>>(sql`
    WITH holders AS (
      SELECT b.holder_id AS org, count(*)::int AS n FROM booklets b JOIN passes p ON p.booklet_id = b.id
       WHERE b.program_id = ${programId} AND b.status = 'allocated' AND p.status = 'active'
       GROUP BY b.holder_id
    ), targets AS (
      SELECT 'prescriber' AS audience, org, n FROM holders
      UNION ALL
      SELECT 'place', pp.place_id, NULL::int FROM program_places pp
       WHERE pp.program_id = ${programId} AND pp.standing = 'approved'
    )
    SELECT t.audience, o.id AS "organisationId", o.name AS "organisationName", u.email, t.n AS "passesInStock"
      FROM targets t JOIN organisations o ON o.id = t.org
      JOIN memberships m ON m.organisation_id = o.id JOIN users u ON u.id = m.user_id
     WHERE u.disabled_at IS NULL
     ORDER BY 1, 3, 4`);
  return rows;
}
