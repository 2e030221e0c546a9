import { addDays, businessDate } from '../../core/dates.js';
import type { Queryable } from '../../db/client.js';
import * as auth from '../auth/service.js';
import * as notifications from '../notifications/service.js';
import * as programs from '../programs/service.js';
import { unusualDaysOf } from './service.js';

/**
 * The morning after (the hourly job; idempotent): each funder's admins are told, one message
 * per programme, of the places that had an unusual day yesterday (the dashboard's « Journées
 * inhabituelles », unusualDaysOf): a finance officer does not open the dashboard
 * every day. A day is judged once it is over, so that it is told once, with its whole count.
 * Returns the messages queued.
 */
export async function noticeUnusualDays(db: Queryable, today = businessDate()): Promise<number> {
  const day = addDays(today, -1);
  let queued = 0;
  for (const program of await programs.allAsOf(db, day)) {
    const { unusualDays, unusualDayRule } = await unusualDaysOf(db, program, day);
    const unusual = unusualDays.filter((u) => u.day === day);
    if (unusual.length === 0) continue;
    const params = {
      funderId: program.funderId,
      programId: program.id,
      programName: await programs.nameOf(db, program.id, day),
      day,
      rule: unusualDayRule,
      places: unusual.map(({ placeName, redemptions, usualPerDay }) => ({
        placeName,
        redemptions,
        usualPerDay,
      })),
    };
    const admins = await auth.funderAdminEmails(db, program.funderId);
    queued += await notifications.enqueueMany(
      db,
      admins.map((to) => ({
        to,
        template: 'unusual_days' as const,
        params,
        funderId: program.funderId,
        dedupeKey: `unusual_days ${program.id} ${day} ${to}`,
      })),
    );
  }
  return queued;
}
