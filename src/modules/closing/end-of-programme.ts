import { addDays, businessDate } from '../../core/dates.js';
import { lastRecordingDay } from '../../core/late-session.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';

/*
 * The end of a programme, driven by its calendar as amended (issue 12, point 8), run daily:
 * - the day after the usage end, passes never handed out are cancelled (no one can use them);
 * - the day after the tolerance period for late sessions (usage end + lateSessionDays), the
 *   passes handed out and not used expire, their value back to the funder. Not at the usage end
 *   itself: a place may still record, until then, a session it gave before the end, and the
 *   pass must still be there. New sessions stop at the usage end all the same (the redemption
 *   rule refuses a session dated after it).
 * Each step is idempotent (it only moves passes still in the state it changes), audited, and
 * takes the programme's lock.
 */

/** Days after the usage end when the final statements are due (J+37, as the operators did). */
export const FINAL_STATEMENTS_DAYS = 37;

/** The reminders' days before the usage end (J-30, J-15, J-7). */
export const REMINDER_DAYS = [30, 15, 7] as const;

export interface EndOfProgrammeRun {
  cancelled: number;
  expired: number;
}

/** Runs the end-of-programme steps due on `today` for every programme. */
export async function runEndOfProgrammes(db: Queryable, today = businessDate()): Promise<EndOfProgrammeRun> {
  const run = { cancelled: 0, expired: 0 };
  for (const p of await programs.allAsOf(db, today)) {
    if (!p.state || today <= p.state.calendar.usageEnd) continue;
    const { state } = p;
    await db.transaction(async (tx) => {
      await programs.lockAsOf(tx, null, p.id, today);
      const cancelled = await passes.cancelNeverHandedOut(tx, p);
      if (cancelled.n > 0) {
        run.cancelled += cancelled.n;
        await audit.record(tx, {
          actor: null,
          actorLabel: 'fin de dispositif',
          funderId: p.funderId,
          action: 'program.usage_end_cancel',
          objectType: 'program',
          objectId: p.id,
          summary: { passes: cancelled.n, valueCents: cancelled.value, usageEnd: state.calendar.usageEnd },
        });
      }
      const last = lastRecordingDay(state);
      if (today <= last) return;
      const expired = await passes.expireAtProgramEnd(tx, p);
      if (expired.n > 0) {
        run.expired += expired.n;
        await audit.record(tx, {
          actor: null,
          actorLabel: 'fin de dispositif',
          funderId: p.funderId,
          action: 'program.usage_end_expire',
          objectType: 'program',
          objectId: p.id,
          summary: { passes: expired.n, valueCents: expired.value, lastRecordingDay: last },
        });
      }
    });
  }
  return run;
}

/** The programme's end dates: usage end, last day for late sessions, final statements. */
export function endDates(state: { calendar: { usageEnd: string }; lateSessionDays: number }) {
  return {
    usageEnd: state.calendar.usageEnd,
    lateSessionDays: state.lateSessionDays,
    lastRecordingDay: lastRecordingDay(state),
    finalStatementsOn: addDays(state.calendar.usageEnd, FINAL_STATEMENTS_DAYS),
    reminderDays: REMINDER_DAYS.map((d) => addDays(state.calendar.usageEnd, -d)),
  };
}
