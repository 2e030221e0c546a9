import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/*
 * When an issue does not fit, the refusal says how many booklets still would: that number must
 * then be accepted, and one more refused. The plan must hold on the issue date and on every
 * later one, so what fits is the least room over those dates: here 1,000 passes planned today,
 * cut to 700 in five days and to 500 in ten. It used to advise the room on the first day the
 * plan fell short (700), which the check then refused.
 */
let t: TestApp;
let c: Circulation;
let programId: string;
let somme: string;
const today = businessDate();
const { creation } = hautsDeFranceDemoCampaign;

const issue = (body: Record<string, unknown>) =>
  c.funder.request('POST', `/api/v1/programs/${programId}/issues`, body);
const cut = (plannedPasses: number, effectiveOn: string) =>
  c.funder.request('POST', `/api/v1/programs/${programId}/amendments`, {
    effectiveOn,
    legal: { ...creation.legal, number: `CUT-${plannedPasses}`, decidedOn: today },
    changes: { plannedPasses },
  });
const errorsOf = (res: { json(): { errors?: { field: string; message: string }[] } }) =>
  res.json().errors ?? [];

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const created = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
    effectiveOn: today,
    legal: { ...creation.legal, number: 'ROOM-CREATION', decidedOn: today },
    state: {
      ...creation.state,
      name: 'Campagne réduite par avenants',
      plannedPasses: 1_000,
      calendar: {
        distributionStart: today,
        distributionEnd: addDays(today, 200),
        usageEnd: addDays(today, 300),
        closure: null,
      },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  programId = created.json().id;
  expect((await cut(700, addDays(today, 5))).statusCode).toBe(201);
  expect((await cut(500, addDays(today, 10))).statusCode).toBe(201);
  // 300 passes reserved to the Somme: 200 left outside it from the tenth day on.
  const envelope = await c.funder.request('POST', `/api/v1/programs/${programId}/envelopes`, {
    name: 'Somme',
    cap: 300,
    effectiveOn: today,
  });
  expect(envelope.statusCode, envelope.body).toBe(201);
  somme = envelope.json().id;
});
afterAll(() => t.close());

describe('the booklets a refused issue advises', () => {
  it('are the least room left outside the envelopes over every later date, and that many are accepted', async () => {
    const over = await issue({ bookletCount: 80, bookletSize: 10 });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('program_cap_exceeded');
    // 500 planned from the tenth day, 300 of them reserved to the Somme: 200 outside it (not 700).
    expect(errorsOf(over)).toEqual([{ field: 'bookletCount', message: 'Au plus 20 carnets de 10.' }]);
    expect(over.json().detail).toContain(
      `Au ${frenchDate(addDays(today, 10))}, le dispositif prévoit 500 pass`,
    );
    expect(over.json().detail).toContain('il en reste 200 hors enveloppe');

    const advised = await issue({ bookletCount: 20, bookletSize: 10 });
    expect(advised.statusCode, advised.body).toBe(201);
    const more = await issue({ bookletCount: 1, bookletSize: 5 });
    expect(more.statusCode).toBe(409);
    expect(errorsOf(more)).toEqual([
      { field: 'bookletCount', message: 'Plus aucun carnet de 5 ne peut être émis.' },
    ]);
  });

  it('are the least room left under the plan for an envelope, and that many are accepted', async () => {
    // 200 issued outside: 300 more fit under the 500 of the tenth day (not 500 under the 700).
    const over = await issue({ bookletCount: 80, bookletSize: 10, envelopeId: somme });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('program_cap_exceeded');
    expect(errorsOf(over)).toEqual([{ field: 'bookletCount', message: 'Au plus 30 carnets de 10.' }]);
    expect(over.json().detail).toContain(
      `Au ${frenchDate(addDays(today, 10))}, le dispositif prévoit 500 pass ; 200 sont déjà émis à cette date, il en reste 300.`,
    );

    const advised = await issue({ bookletCount: 30, bookletSize: 10, envelopeId: somme });
    expect(advised.statusCode, advised.body).toBe(201);
    const more = await issue({ bookletCount: 1, bookletSize: 5, envelopeId: somme });
    expect(more.statusCode).toBe(409);
    expect(more.json().code).toBe('program_cap_exceeded');
  });
});
