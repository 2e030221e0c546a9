import { addDays, frenchDate } from './dates.js';
import { DomainError } from './errors.js';
import type { ProgramState } from './program/types.js';

/*
 * A session recorded after the day it was given (issue 12, point 8): allowed for a session
 * given on or before the usage end, recorded on or before the usage end plus the programme's
 * tolerance period. The redemption itself is then judged as of the session's day (was the pass
 * valid, the programme open, that day?) by the same database rule as any redemption.
 */

/** The last day a late session may be recorded: the usage end plus the tolerance period. */
export function lastRecordingDay(state: {
  calendar: Pick<ProgramState['calendar'], 'usageEnd'>;
  lateSessionDays: number;
}): string {
  return addDays(state.calendar.usageEnd, state.lateSessionDays);
}

/** The check of a pass expired for today's session, while an earlier session may still be recorded. */
export const lateSessionsMessage = (validUntil: string, lastDay: string) =>
  `Ce pass ne vaut plus pour une séance d'aujourd'hui. Une séance donnée jusqu'au ${frenchDate(validUntil)} peut encore être enregistrée, avec sa date, jusqu'au ${frenchDate(lastDay)}.`;

/** Why a session given on `sessionOn` may not be recorded on `recordedOn`, or null when it may. */
export function lateSessionRefusal(
  state: Pick<ProgramState, 'calendar' | 'lateSessionDays'> | null,
  sessionOn: string,
  recordedOn: string,
): DomainError | null {
  const field = (message: string) => [{ field: 'sessionOn', message }];
  if (sessionOn > recordedOn) {
    const message = `La date de la séance (${frenchDate(sessionOn)}) ne peut pas être après aujourd'hui.`;
    return new DomainError('session_date_in_future', message, field(message));
  }
  if (state === null) return null;
  const { usageEnd } = state.calendar;
  if (sessionOn > usageEnd) {
    const message = `La séance du ${frenchDate(sessionOn)} est après la fin d'utilisation des pass (${frenchDate(usageEnd)}) : elle ne peut pas être payée par un pass de ce dispositif.`;
    return new DomainError('session_after_usage_end', message, field(message));
  }
  const last = lastRecordingDay(state);
  if (recordedOn > last) {
    const message = `Le délai pour enregistrer une séance tardive est passé : les séances données jusqu'au ${frenchDate(usageEnd)} pouvaient être enregistrées jusqu'au ${frenchDate(last)}.`;
    return new DomainError('late_session_period_over', message, field(message));
  }
  return null;
}
