import { addDays, businessDate, daysBetween } from '../../core/dates.js';
import { lastRecordingDay } from '../../core/late-session.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as auth from '../auth/service.js';
import * as funders from '../funders/service.js';
import * as notifications from '../notifications/service.js';
import * as passes from '../passes/service.js';
import * as places from '../places/service.js';
import * as programs from '../programs/service.js';
import * as statements from '../statements/service.js';
import * as stock from '../stock/service.js';
import { carryAtUsageEnd, lockForEndStep } from './carry-over.js';

/*
 * The end of a programme, driven by its calendar as amended (issue 12, point 8), run daily:
 * - at J-30, J-15 and J-7 before the usage end, the programme's places are reminded by e-mail
 *   (the outbox; each reminder once); the prescribers still holding passes at J-30, J-15 and
 *   J-7 before the distribution end, the last day they may hand them out: reminded after it,
 *   they would be told to do what the programme no longer allows (the two ends are often the
 *   same day, and then so are the reminders);
 * - the day after the usage end, passes never handed out are carried over to the following
 *   programme the funder chose (carry-over.ts), or cancelled (no one can use them) when it
 *   chose none or the one it chose can no longer take them;
 * - the day after the tolerance period for late sessions (usage end + lateSessionDays), the
 *   passes handed out and not used expire, their value back to the funder. Not at the usage end
 *   itself: a place may still record, until then, a session it gave before the end, and the
 *   pass must still be there. New sessions stop at the usage end all the same (the redemption
 *   rule refuses a session dated after it).
 * - at J+37, the final statements (the statements service's run for the last months).
 * Each step is idempotent (it only moves passes still in the state it changes), audited, and
 * takes the programme's lock.
 */

/** Days after the usage end when the final statements are due (J+37, as the operators did). */
export const FINAL_STATEMENTS_DAYS = 37;

/** The reminders' days before the end they announce (J-30, J-15, J-7). */
export const REMINDER_DAYS = [30, 15, 7] as const;

export interface EndOfProgrammeRun {
  cancelled: number;
  carried: number;
  expired: number;
  reminders: number;
  /** Statements issued by the final run at J+37. */
  finalStatements: number;
}

/** Days after J+37 during which the final run is still made, should the job miss J+37 itself. */
const FINAL_RUN_WINDOW_DAYS = 7;

/**
 * The months whose statements the final run issues on `today`: from the usage end's month to
 * the last month of the tolerance period, only those already over (a month's statement is
 * unique per programme and place: issuing a month not over would leave out its last days).
 */
export function finalStatementMonths(
  state: { calendar: { usageEnd: string }; lateSessionDays: number },
  today: string,
): string[] {
  const months: string[] = [];
  const last = lastRecordingDay(state).slice(0, 7);
  for (let m = state.calendar.usageEnd.slice(0, 7); m <= last && m < today.slice(0, 7); ) {
    months.push(m);
    m = addDays(`${m}-28`, 4).slice(0, 7);
  }
  return months;
}

/**
 * The final statements at J+37: the statements service's monthly run for the programme's last
 * months, for its funder. Idempotent (the monthly job may have issued them already); a month
 * the tolerance reaches that is not over yet is left to the monthly job.
 */
async function finalStatements(
  db: Db,
  p: { funderId: string; state: { calendar: { usageEnd: string }; lateSessionDays: number } },
  today: string,
): Promise<number> {
  const due = addDays(p.state.calendar.usageEnd, FINAL_STATEMENTS_DAYS);
  if (today < due || today >= addDays(due, FINAL_RUN_WINDOW_DAYS)) return 0;
  let issued = 0;
  for (const month of finalStatementMonths(p.state, today)) {
    const result = await statements.run(db, { month, funderId: p.funderId }, today);
    issued += result.funders.reduce((t, f) => t + f.issued, 0);
  }
  return issued;
}

/** The reminder due on `today` (30, 15 or 7 days before `end`), or null. */
export function reminderDue(end: string, today: string): number | null {
  if (today >= end) return null;
  // The nearest threshold already reached: a job that missed J-30 sends J-30 on J-29, not twice.
  const reached = REMINDER_DAYS.filter((d) => today >= addDays(end, -d));
  return reached.length > 0 ? Math.min(...reached) : null;
}

type Audience = ReminderRecipient['audience'];

/** What each audience is reminded of: the prescribers the distribution end, the places the usage end. */
const endFor = (audience: Audience, calendar: { distributionEnd: string; usageEnd: string }) =>
  audience === 'prescriber' ? calendar.distributionEnd : calendar.usageEnd;

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
 * booklets of it with passes not used (`stock`), and of each place it takes, standing approved
 * (`places`); their e-mails (`auth`) and names (`funders`). Four set-based calls, whatever the
 * number of organisations.
 */
async function reminderRecipients(
  tx: Queryable,
  programId: string,
  audiences: ReadonlySet<Audience>,
): Promise<ReminderRecipient[]> {
  const holders = audiences.has('prescriber') ? await stock.holdersOfProgram(tx, programId) : [];
  const placeIds = audiences.has('place') ? await places.approvedPlacesOf(tx, programId) : [];
  const targets = [
    ...holders.map((h) => ({
      audience: 'prescriber' as const,
      id: h.organisationId,
      n: h.passes as number | null,
    })),
    ...placeIds.map((id) => ({ audience: 'place' as const, id, n: null })),
  ];
  const ids = targets.map((t) => t.id);
  const names = await funders.organisationNames(tx, ids);
  const emails = new Map<string, string[]>();
  for (const m of await auth.memberEmails(tx, ids))
    emails.set(m.organisationId, [...(emails.get(m.organisationId) ?? []), m.email]);
  return targets
    .flatMap((t) =>
      (emails.get(t.id) ?? []).map((email) => ({
        audience: t.audience,
        organisationId: t.id,
        organisationName: names.get(t.id) ?? '',
        email,
        passesInStock: t.n,
      })),
    )
    .sort(
      (a, b) =>
        a.audience.localeCompare(b.audience) ||
        a.organisationName.localeCompare(b.organisationName, 'fr') ||
        a.email.localeCompare(b.email),
    );
}

/**
 * Reminds prescribers still holding passes that distribution ends soon, and the programme's
 * places that usage does (`due`: each audience's threshold reached today, if any), once per
 * (programme, end, threshold, organisation, person): the outbox's dedupe key.
 */
async function remind(
  tx: Queryable,
  p: {
    id: string;
    funderId: string;
    state: { name: string; calendar: { distributionEnd: string; usageEnd: string }; lateSessionDays: number };
  },
  due: Record<Audience, number | null>,
  today: string,
): Promise<number> {
  const funderName = await funders.nameOf(tx, p.funderId);
  const { calendar } = p.state;
  const audiences = new Set((Object.keys(due) as Audience[]).filter((a) => due[a] !== null));
  let sent = 0;
  for (const r of await reminderRecipients(tx, p.id, audiences)) {
    const end = endFor(r.audience, calendar);
    const { id } = await notifications.enqueue(tx, {
      to: r.email,
      template: 'usage_end_reminder',
      funderId: p.funderId,
      params: {
        audience: r.audience,
        organisationName: r.organisationName,
        programName: p.state.name,
        funderName,
        usageEnd: calendar.usageEnd,
        distributionEnd: calendar.distributionEnd,
        daysLeft: daysBetween(today, end),
        ...(r.passesInStock !== null ? { passesInStock: r.passesInStock } : {}),
        ...(r.audience === 'place'
          ? { placeId: r.organisationId, lastRecordingDay: lastRecordingDay(p.state) }
          : { prescriberId: r.organisationId }),
      },
      dedupeKey: `usage_end_reminder:${p.id}:${end}:${due[r.audience]}:${r.organisationId}:${r.email}`,
    });
    if (id) sent += 1;
  }
  return sent;
}

/** Audits a step that moved passes (none moved: nothing to say); returns how many it moved. */
async function recordStep(
  tx: Queryable,
  p: { id: string; funderId: string },
  action: 'program.usage_end_cancel' | 'program.usage_end_expire',
  moved: { n: number; value: number },
  facts: Record<string, string | number>,
): Promise<number> {
  if (moved.n === 0) return 0;
  await audit.record(tx, {
    actor: null,
    actorLabel: 'fin de dispositif',
    funderId: p.funderId,
    action,
    objectType: 'program',
    objectId: p.id,
    summary: { passes: moved.n, valueCents: moved.value, ...facts },
  });
  return moved.n;
}

/** Runs the end-of-programme steps due on `today` for every programme. */
export async function runEndOfProgrammes(db: Db, today = businessDate()): Promise<EndOfProgrammeRun> {
  const run = { cancelled: 0, carried: 0, expired: 0, reminders: 0, finalStatements: 0 };
  for (const p of await programs.allAsOf(db, today)) {
    if (!p.state || p.state.status === 'draft') continue;
    const { state } = p;
    const due = {
      prescriber: reminderDue(state.calendar.distributionEnd, today),
      place: reminderDue(state.calendar.usageEnd, today),
    };
    if (due.prescriber !== null || due.place !== null)
      run.reminders += await db.transaction((tx) => remind(tx, { ...p, state }, due, today));
    if (today <= state.calendar.usageEnd) continue;
    await db.transaction(async (tx) => {
      await lockForEndStep(tx, p.id, today);
      const carried = await carryAtUsageEnd(tx, { ...p, state }, today);
      run.carried += carried?.carried ?? 0;
      const cancelled = await passes.cancelNeverHandedOut(tx, p);
      run.cancelled += await recordStep(tx, p, 'program.usage_end_cancel', cancelled, {
        usageEnd: state.calendar.usageEnd,
        ...(carried?.refused ? { refusal: carried.refused } : {}),
      });
      const last = lastRecordingDay(state);
      if (today <= last) return;
      const expired = await passes.expireAtProgramEnd(tx, p);
      run.expired += await recordStep(tx, p, 'program.usage_end_expire', expired, { lastRecordingDay: last });
    });
    run.finalStatements += await finalStatements(db, { ...p, state }, today);
  }
  return run;
}

/** The programme's end dates: reminders, usage end, last day for late sessions, final statements. */
export function endDates(state: {
  calendar: { distributionEnd: string; usageEnd: string };
  lateSessionDays: number;
}) {
  const before = (end: string) => REMINDER_DAYS.map((d) => addDays(end, -d));
  return {
    usageEnd: state.calendar.usageEnd,
    lateSessionDays: state.lateSessionDays,
    lastRecordingDay: lastRecordingDay(state),
    finalStatementsOn: addDays(state.calendar.usageEnd, FINAL_STATEMENTS_DAYS),
    reminderDays: before(state.calendar.usageEnd),
    prescriberReminderDays: before(state.calendar.distributionEnd),
  };
}
