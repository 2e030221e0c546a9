import { businessDate } from '../core/dates.js';
import { firstWorkingDay } from '../core/french-holidays.js';
import { dayAfterMonth, nextMonth, previousMonth } from '../core/statement.js';
import type { Db } from '../db/client.js';
import * as auth from '../modules/auth/service.js';
import * as statements from '../modules/statements/service.js';

/**
 * Past months' statements of the demo campaign, issued by the monthly run as the job would
 * have (issue 12), and the médiathèque's latest one contested by its admin.
 */
export async function loadDemoStatements(
  db: Db,
  funderId: string,
  mediathequeId: string,
  today = businessDate(),
) {
  const { rows } = await db.$client.query(
    `SELECT to_char(min(redeemed_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS first FROM redemptions WHERE funder_id = $1`,
    [funderId],
  );
  const last = previousMonth(today);
  for (let month: string | null = rows[0]?.first ?? null; month && month <= last; month = nextMonth(month)) {
    // Issued on the first working day after the month, as the job would have: not all on the
    // day the demo is loaded (February's statements read « Émis le » December otherwise).
    const due = firstWorkingDay(dayAfterMonth(month));
    await statements.run(
      db,
      { month, funderId },
      due < today ? due : today,
      due < today ? new Date(`${due}T06:00:00Z`) : undefined,
    );
  }
  const latest = await db.$client.query(
    'SELECT id FROM statements WHERE place_id = $1 ORDER BY month DESC LIMIT 1',
    [mediathequeId],
  );
  const admin = await auth.actorByEmail(db, 'lieu@hautsdefrance.test');
  if (latest.rows[0] && admin) {
    await statements.contest(db, admin, latest.rows[0].id, {
      reason: 'Deux ateliers collectifs du 14 manquent : ils ont été enregistrés sur le mois suivant.',
    });
  }
}
