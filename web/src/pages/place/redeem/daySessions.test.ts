import { describe, expect, it } from 'vitest';
import { daySummary, earlierPage, FIRST_PAGE, lateDay, pageOf, todayPage, turnTo } from './daySessions';
import { formatMinutes, formatTime } from './labels';

const session = (durationMinutes: number, cancelled = false) => ({
  durationMinutes,
  cancelledAt: cancelled ? '2026-12-07T16:00:00.000Z' : null,
});

describe('the desk’s « Aujourd’hui »', () => {
  it('counts the day’s sessions and how long they lasted, cancelled ones aside', () => {
    expect(daySummary([])).toBe('Aucune séance enregistrée aujourd’hui.');
    expect(daySummary([session(45)])).toBe('1 séance, 45 min.');
    expect(daySummary([session(60), session(90), session(120)])).toBe('3 séances, 4 h 30 au total.');
    expect(daySummary([session(60), session(30, true), session(30)])).toBe(
      '2 séances, 1 h 30 au total, sans la séance annulée.',
    );
    expect(daySummary([session(60), session(30, true), session(45, true)])).toBe(
      '1 séance, 1 h, sans les 2 séances annulées.',
    );
    expect(daySummary([session(60, true)])).toBe(
      'Aucune séance comptée : la seule séance enregistrée a été annulée.',
    );
    expect(daySummary([session(60, true), session(60, true)])).toBe(
      'Aucune séance comptée : les 2 séances enregistrées ont été annulées.',
    );
  });

  it('asks the server for the day’s sessions by the day they were recorded in Paris, and the earlier ones apart', () => {
    expect(todayPage('2026-12-01')).toEqual({ from: '2026-12-01', to: '2026-12-01', limit: 200 });
    expect(earlierPage('2026-12-01')).toEqual({ to: '2026-11-30', limit: 50 });
    expect(earlierPage('2026-12-01', 4812)).toEqual({ to: '2026-11-30', limit: 50, before: 4812 });
  });

  // The list stopped at the latest 50: the older days could not be reached from the desk.
  it('pages through the earlier days’ sessions, on and back, with « Page 2 sur 3 »', () => {
    // 120 sessions on earlier days: three pages of 50.
    const first = { total: 120, nextBefore: 900 };
    expect(pageOf(FIRST_PAGE, first)).toEqual({ page: 1, pages: 3 });
    const second = turnTo(FIRST_PAGE, 2, first.nextBefore);
    expect(second).toEqual([undefined, 900]);
    expect(pageOf(second, { total: 120, nextBefore: 850 })).toEqual({ page: 2, pages: 3 });
    const third = turnTo(second, 3, 850);
    expect(third).toEqual([undefined, 900, 850]);
    expect(earlierPage('2026-12-01', third[third.length - 1])).toMatchObject({ before: 850 });
    expect(pageOf(third, { total: 120, nextBefore: null })).toEqual({ page: 3, pages: 3 });
    // « Page précédente » asks the previous page again, as it was first asked.
    expect(turnTo(third, 2, null)).toEqual([undefined, 900]);
    expect(turnTo(turnTo(third, 2, null), 1, 900)).toEqual(FIRST_PAGE);
    // No next page past the last, whatever the count said; one page alone shows no pager.
    expect(turnTo(third, 4, null)).toBe(third);
    expect(pageOf(FIRST_PAGE, { total: 50, nextBefore: null })).toEqual({ page: 1, pages: 1 });
    // A next page the count did not foresee (the total read before a session came): still offered.
    expect(pageOf(FIRST_PAGE, { total: 50, nextBefore: 700 })).toEqual({ page: 1, pages: 2 });
  });

  it('says a session’s time and duration as a mediator reads them, in Paris whatever the browser’s zone', () => {
    // Winter (UTC+1) and summer (UTC+2).
    expect(formatTime('2026-12-07T16:05:00.000Z')).toBe('17:05');
    expect(formatTime('2026-07-01T06:30:00.000Z')).toBe('08:30');
    expect(formatMinutes(90)).toBe('1 h 30');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(45)).toBe('45 min');
  });

  it('names a session’s own day only when it was given before the day it was recorded (Paris)', () => {
    // 00:30 in Paris on 8 December, the day of its session.
    expect(lateDay({ redeemedAt: '2026-12-07T23:30:00.000Z', sessionOn: '2026-12-08' })).toBeNull();
    expect(lateDay({ redeemedAt: '2026-12-08T09:00:00.000Z', sessionOn: '2026-12-03' })).toBe('2026-12-03');
  });
});
