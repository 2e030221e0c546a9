import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate, isIsoDate } from '../../core/dates.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/*
 * The dates a funder types for a programme: its deliberations, its calendar, its envelopes.
 * A date before the programme exists, or a year mistyped (2207, 1850), is refused on the very
 * field typed, in words the programme manager reads.
 */
let t: TestApp;
let c: Circulation;
const today = businessDate();
const { creation } = hautsDeFranceDemoCampaign;
/** The same day `years` years later (28 February for a 29th in a common year). */
const yearsLater = (day: string, years: number) => {
  const later = `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
  return isIsoDate(later) ? later : later.replace('-02-29', '-02-28');
};
const inTenYears = yearsLater(today, 10);

const createProgram = (name: string, effectiveOn: string, state: Record<string, unknown> = {}) =>
  c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
    effectiveOn,
    legal: {
      ...creation.legal,
      number: `DATES-${name}`,
      decidedOn: effectiveOn < today ? effectiveOn : today,
    },
    state: {
      ...creation.state,
      name,
      plannedPasses: 1_000,
      calendar: {
        distributionStart: effectiveOn,
        distributionEnd: addDays(effectiveOn, 200),
        usageEnd: addDays(effectiveOn, 300),
        closure: null,
      },
      ...state,
    },
  });
const amend = (
  programId: string,
  changes: Record<string, unknown>,
  effectiveOn: string,
  decidedOn = effectiveOn < today ? effectiveOn : today,
) =>
  c.funder.request('POST', `/api/v1/programs/${programId}/amendments`, {
    effectiveOn,
    legal: { ...creation.legal, number: `DATES-${Math.random()}`, decidedOn },
    changes,
  });
const addEnvelope = (programId: string, name: string, effectiveOn: string) =>
  c.funder.request('POST', `/api/v1/programs/${programId}/envelopes`, { name, cap: 10, effectiveOn });
const errorsOf = (res: { json(): { errors?: { field: string; message: string }[] } }) =>
  res.json().errors ?? [];

let programId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const created = await createProgram('Campagne datée', today);
  expect(created.statusCode, created.body).toBe(201);
  programId = created.json().id;
});
afterAll(() => t.close());

describe('an envelope dated before the programme starts', () => {
  it('is refused on its date, saying when the programme starts', async () => {
    const later = await createProgram('Campagne 2027', '2027-01-01');
    expect(later.statusCode, later.body).toBe(201);
    const res = await addEnvelope(later.json().id, 'Somme', '2026-12-31');
    expect(res.statusCode, res.body).toBe(422);
    expect(errorsOf(res)).toEqual([
      {
        field: 'effectiveOn',
        message: expect.stringContaining('Le dispositif commence le 1er janvier 2027'),
      },
    ]);
    expect(res.json().detail).not.toMatch(/0 pass prévus/);
    // From its first day on, the envelope is taken.
    const onStart = await addEnvelope(later.json().id, 'Somme', '2027-01-01');
    expect(onStart.statusCode, onStart.body).toBe(201);
  });
});

describe('implausible dates', () => {
  it('are refused in a new programme’s calendar, its deliberation and its reporting deadlines', async () => {
    const res = await createProgram('Campagne 2207', today, {
      calendar: {
        distributionStart: today,
        distributionEnd: addDays(today, 200),
        usageEnd: '2207-12-31',
        closure: null,
      },
      reportingDeadlines: [{ label: 'Bilan', dueOn: '2207-01-31' }],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(errorsOf(res)).toEqual([
      {
        field: 'state.calendar.usageEnd',
        message: `La date de fin d'utilisation (31 décembre 2207) n'est pas plausible : indiquez une date entre le 1er janvier 2000 et le ${frenchDate(inTenYears)}.`,
      },
      { field: 'state.reportingDeadlines.0.dueOn', message: expect.stringContaining('2207') },
    ]);

    const old = await createProgram('Campagne 1850', '1850-01-01');
    expect(old.statusCode).toBe(422);
    expect(errorsOf(old).map((e) => e.field)).toEqual([
      'effectiveOn',
      'legal.decidedOn',
      'state.calendar.distributionStart',
      'state.calendar.distributionEnd',
      'state.calendar.usageEnd',
    ]);
    expect(errorsOf(old)[0]?.message).toBe(
      `La date d'effet (1er janvier 1850) n'est pas plausible : indiquez une date entre le 1er janvier 2000 et le ${frenchDate(inTenYears)}.`,
    );
  });

  it('are refused in an amendment, on the field typed', async () => {
    const far = await amend(programId, { plannedPasses: 900 }, '2207-06-01', today);
    expect(far.statusCode, far.body).toBe(422);
    expect(errorsOf(far)).toEqual([
      { field: 'effectiveOn', message: expect.stringContaining('1er juin 2207') },
    ]);

    const usage = await amend(programId, { calendar: { usageEnd: '2207-12-31' } }, today);
    expect(usage.statusCode).toBe(422);
    expect(errorsOf(usage).map((e) => e.field)).toEqual(['changes.calendar.usageEnd']);

    const decided = await amend(programId, { plannedPasses: 900 }, today, '1850-03-01');
    expect(decided.statusCode).toBe(422);
    expect(errorsOf(decided)).toEqual([
      { field: 'legal.decidedOn', message: expect.stringContaining('1er mars 1850') },
    ]);
    const timeline = (await c.funder.request('GET', `/api/v1/programs/${programId}`)).json().timeline;
    expect(timeline).toHaveLength(1);
  });

  it('are refused for an envelope', async () => {
    for (const date of ['2207-01-01', '1850-01-01']) {
      const res = await addEnvelope(programId, `Enveloppe ${date}`, date);
      expect(res.statusCode, res.body).toBe(422);
      expect(errorsOf(res)).toEqual([
        { field: 'effectiveOn', message: expect.stringContaining("n'est pas plausible") },
      ]);
    }
  });

  it('accept ten years from today, not a day more', async () => {
    const past = await amend(programId, { calendar: { usageEnd: addDays(inTenYears, 1) } }, today);
    expect(past.statusCode).toBe(422);
    expect(errorsOf(past).map((e) => e.field)).toEqual(['changes.calendar.usageEnd']);
    const last = await amend(programId, { calendar: { usageEnd: inTenYears } }, today);
    expect(last.statusCode, last.body).toBe(201);
  });
});

describe('a decision date', () => {
  it('is refused when it is still to come, for a new programme and an amendment', async () => {
    const nextMonth = addDays(today, 31);
    const created = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
      effectiveOn: nextMonth,
      legal: { ...creation.legal, number: 'VOTE-A-VENIR', decidedOn: nextMonth },
      state: { ...creation.state, name: 'Campagne votée demain' },
    });
    expect(created.statusCode, created.body).toBe(422);
    expect(errorsOf(created)).toEqual([
      { field: 'legal.decidedOn', message: expect.stringContaining('est à venir') },
    ]);
    // Decided today for next month: the effect may be ahead, the vote may not.
    const amended = await amend(programId, { plannedPasses: 950 }, nextMonth, addDays(today, 1));
    expect(amended.statusCode, amended.body).toBe(422);
    expect(errorsOf(amended).map((e) => e.field)).toEqual(['legal.decidedOn']);
    expect((await amend(programId, { plannedPasses: 950 }, nextMonth, today)).statusCode).toBe(201);
  });

  it('of a rectification is not before the deliberation it corrects', async () => {
    const wrong = await amend(programId, { plannedPasses: 940 }, today, today);
    expect(wrong.statusCode, wrong.body).toBe(201);
    const rectify = (decidedOn: string) =>
      c.funder.request('POST', `/api/v1/programs/${programId}/amendments`, {
        effectiveOn: today,
        legal: { ...creation.legal, number: `RECTIF-${decidedOn}`, decidedOn },
        changes: { plannedPasses: 945 },
        rectifies: wrong.json().id,
      });
    const before = await rectify(addDays(today, -3));
    expect(before.statusCode, before.body).toBe(422);
    expect(errorsOf(before)).toEqual([
      {
        field: 'legal.decidedOn',
        message: expect.stringContaining('sa rectification ne peut être décidée avant'),
      },
    ]);
    expect((await rectify(today)).statusCode).toBe(201);
  });
});
