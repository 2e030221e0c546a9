import { describe, expect, it } from 'vitest';
import { amendmentTimeline, diffChanges, orderAmendments, programAsOf } from './as-of.js';
import { hautsDeFranceCreation, hautsDeFranceHistory } from './testing/seeds.js';
import type { Amendment } from './types.js';

const [creation, july2020, extension2022] = hautsDeFranceHistory as [Amendment, Amendment, Amendment];

describe('programAsOf with the Hauts-de-France history', () => {
  it('does not exist before the founding deliberation takes effect', () => {
    expect(programAsOf(hautsDeFranceHistory, '2019-12-31')).toBeNull();
    expect(programAsOf(hautsDeFranceHistory, '2020-02-03')).toBeNull();
  });

  it('has 68,750 passes of 10 € until the end of 2021 right after its creation', () => {
    const state = programAsOf(hautsDeFranceHistory, '2020-03-01');
    expect(state?.plannedPasses).toBe(68_750);
    expect(state?.faceValueCents).toBe(1000);
    expect(state?.calendar.usageEnd).toBe('2021-12-31');
    expect(programAsOf(hautsDeFranceHistory, '2020-02-04')?.plannedPasses).toBe(68_750);
  });

  it('has 66,100 passes until 2022-12-31 from 2020-07-01', () => {
    const state = programAsOf(hautsDeFranceHistory, '2022-11-21');
    expect(state?.plannedPasses).toBe(66_100);
    expect(state?.calendar.distributionEnd).toBe('2022-12-31');
    expect(state?.calendar.usageEnd).toBe('2022-12-31');
    expect(state?.calendar.distributionStart).toBe('2020-02-04'); // calendar merges key by key
    expect(state?.budget).toEqual(hautsDeFranceCreation.budget);
  });

  it('runs until 2024-12-31 today, still with 66,100 passes', () => {
    const state = programAsOf(hautsDeFranceHistory, '2026-11-22');
    expect(state?.plannedPasses).toBe(66_100);
    expect(state?.calendar.usageEnd).toBe('2024-12-31');
    expect(state?.calendar.distributionEnd).toBe('2024-12-31');
  });

  it('does not let a caller alter the history through the state it returns', () => {
    const state = programAsOf(hautsDeFranceHistory, '2026-11-22');
    state?.audiences.push({ code: 'tous', label: 'Tout le monde', minAge: null, maxAge: null });
    expect(programAsOf(hautsDeFranceHistory, '2026-11-22')?.audiences).toHaveLength(3);
  });

  it('refuses a corrupt history instead of guessing', () => {
    expect(() => programAsOf([july2020], '2021-01-01')).toThrow(/création/);
    expect(() => programAsOf([creation, { ...creation, id: 'other' }], '2021-01-01')).toThrow(/seule/);
    const early = { ...july2020, effectiveOn: '2020-01-01' };
    expect(() => programAsOf([creation, early], '2021-01-01')).toThrow(/avant la création/);
    expect(() => programAsOf(hautsDeFranceHistory, '2021-02-30')).toThrow(RangeError);
    expect(programAsOf([], '2021-01-01')).toBeNull();
  });
});

describe('orderAmendments', () => {
  const base = { ...july2020, effectiveOn: '2021-01-01' };
  it('puts the creation first among amendments effective the same day', () => {
    const sameDay = { ...base, effectiveOn: creation.effectiveOn };
    expect(orderAmendments([sameDay, creation]).map((a) => a.id)).toEqual([creation.id, sameDay.id]);
  });

  it('breaks ties by decision date, then deliberation number, then id', () => {
    const a = { ...base, id: 'a', legal: { ...base.legal, decidedOn: '2020-12-01', number: '9' } };
    const b = { ...base, id: 'b', legal: { ...base.legal, decidedOn: '2020-11-01', number: '9' } };
    const c = { ...base, id: 'c', legal: { ...base.legal, decidedOn: '2020-12-01', number: '1' } };
    const d = { ...base, id: 'd', legal: { ...base.legal, decidedOn: '2020-12-01', number: '1' } };
    expect(orderAmendments([d, a, c, b]).map((x) => x.id)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('lets the later-decided of two same-day amendments win', () => {
    const first = {
      ...base,
      id: 'z',
      changes: { plannedPasses: 1 },
      legal: { ...base.legal, decidedOn: '2020-10-01' },
    };
    const second = {
      ...base,
      id: 'a',
      changes: { plannedPasses: 2 },
      legal: { ...base.legal, decidedOn: '2020-10-02' },
    };
    expect(programAsOf([second, creation, first], '2021-01-01')?.plannedPasses).toBe(2);
  });
});

describe('amendmentTimeline', () => {
  it('lists each deliberation in order with the fields it changed', () => {
    const shuffled = [extension2022, creation, july2020];
    const timeline = amendmentTimeline(shuffled);
    expect(timeline.map((e) => e.legal.number)).toEqual(['2020.00263', '2020.01244', '2022.01883']);
    expect(timeline[1]?.changedFields).toEqual([
      'plannedPasses',
      'calendar.distributionEnd',
      'calendar.usageEnd',
    ]);
    expect(timeline[2]?.changedFields).toEqual(['calendar.distributionEnd', 'calendar.usageEnd']);
    expect(timeline[0]?.changedFields).toContain('budget.phasing');
    expect(timeline[0]?.changedFields).toHaveLength(9 + 4 + 4);
  });

  it('names the changes that a later-decided deliberation of the same day overrides', () => {
    const day = { ...july2020, effectiveOn: '2021-01-01' };
    const older = { ...day, id: 'older', changes: { plannedPasses: 60_000, lateSessionDays: 45 } };
    const newer = {
      ...day,
      id: 'newer',
      changes: { plannedPasses: 61_000 },
      legal: { ...day.legal, decidedOn: '2020-12-15' },
    };
    const nextDay = { ...newer, id: 'next-day', effectiveOn: '2021-01-02', changes: { lateSessionDays: 10 } };
    const entries = amendmentTimeline([creation, older, newer, nextDay]);
    const of = (id: string) => entries.find((e) => e.id === id)?.overridden;
    // The older plan never counts; its late sessions do, for one day, until the next deliberation.
    expect(of('older')).toEqual([{ field: 'plannedPasses', by: 'newer' }]);
    expect(of('newer')).toEqual([]);
    expect(of('next-day')).toEqual([]);
    // A rectified deliberation overrides nothing: it counts at no date.
    const fix = {
      ...day,
      id: 'fix',
      effectiveOn: '2021-03-01',
      changes: { plannedPasses: 62_000 },
      rectifies: 'newer',
    };
    const rectified = amendmentTimeline([creation, older, newer, fix]);
    expect(rectified.find((e) => e.id === 'older')?.overridden).toEqual([]);
    expect(rectified.find((e) => e.id === 'newer')?.overridden).toEqual([]);
  });

  it('lists what a rectified deliberation changed, even when its rectification applies first', () => {
    const day = { ...july2020, effectiveOn: '2021-01-01' };
    const wrong = {
      ...day,
      id: 'wrong',
      legal: { ...day.legal, number: 'CP-2021-101' },
      changes: { plannedPasses: 60_000, lateSessionDays: 45 },
    };
    // Same day, same decision date, a number that sorts first: it applies before the one it
    // corrects, which then seemed to change only what the two do not share.
    const fix = {
      ...day,
      id: 'fix',
      legal: { ...day.legal, number: 'CP-2021-100-R' },
      changes: { plannedPasses: 61_000, lateSessionDays: 45 },
      rectifies: 'wrong',
    };
    const entries = amendmentTimeline([creation, wrong, fix]);
    expect(entries.find((e) => e.id === 'wrong')?.changedFields).toEqual([
      'plannedPasses',
      'lateSessionDays',
    ]);
    expect(entries.find((e) => e.id === 'fix')?.changedFields).toEqual(['plannedPasses', 'lateSessionDays']);
  });

  it('keeps the amendment itself in each entry', () => {
    expect(amendmentTimeline(hautsDeFranceHistory)[2]).toMatchObject({
      id: extension2022.id,
      effectiveOn: '2022-11-22',
    });
  });
});

describe('diffChanges', () => {
  it('lists only the fields whose value really changes', () => {
    const changes = {
      plannedPasses: 68_750,
      audiences: [...hautsDeFranceCreation.audiences],
      calendar: { usageEnd: '2021-12-31', closure: '2025-06-30' },
      budget: {
        cofunders: [
          { amountCents: 48_890_000, name: 'État (ANCT)' },
          { name: 'FEDER', amountCents: 1 },
        ],
      },
    };
    expect(diffChanges(hautsDeFranceCreation, changes)).toEqual(['calendar.closure', 'budget.cofunders']);
  });

  it('compares arrays by content and objects whatever their key order', () => {
    const sameCofunders = hautsDeFranceCreation.budget.cofunders.map((c) => ({
      amountCents: c.amountCents,
      name: c.name,
    }));
    expect(diffChanges(hautsDeFranceCreation, { budget: { cofunders: sameCofunders } })).toEqual([]);
    expect(diffChanges(hautsDeFranceCreation, { bookletSizes: [10, 5] })).toEqual(['bookletSizes']);
  });
});
