import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/*
 * The envelopes' caps are the plan's share reserved to them: passes issued outside any
 * envelope stay within the plan less those caps, on the issue date and every later one, so
 * that the envelopes can still be filled. A plan of 1,000 with envelopes of 300 and 50 leaves
 * 650 outside them; it used to take 700 and show « Hors enveloppe : prévus 650, émis 700 ».
 */
let t: TestApp;
let c: Circulation;
let programId: string;
let somme: string;
const today = businessDate();
const { creation } = hautsDeFranceDemoCampaign;

const issue = (body: Record<string, unknown>) =>
  c.funder.request('POST', `/api/v1/programs/${programId}/issues`, body);
const addEnvelope = (name: string, cap: number, effectiveOn = today) =>
  c.funder.request('POST', `/api/v1/programs/${programId}/envelopes`, { name, cap, effectiveOn });
const amend = (changes: Record<string, unknown>, effectiveOn: string) =>
  c.funder.request('POST', `/api/v1/programs/${programId}/amendments`, {
    effectiveOn,
    legal: { ...creation.legal, number: `ENV-${Math.random()}`, decidedOn: today },
    changes,
  });
const issuedPasses = async () =>
  (
    await t.database.pool.query(
      `SELECT coalesce(sum(booklet_count * booklet_size), 0)::int AS all,
              coalesce(sum(booklet_count * booklet_size) FILTER (WHERE envelope_id IS NULL), 0)::int AS outside
         FROM issue_batches WHERE program_id = $1`,
      [programId],
    )
  ).rows[0] as { all: number; outside: number };
const errorsOf = (res: { json(): { errors?: { field: string; message: string }[] } }) =>
  res.json().errors ?? [];

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const created = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
    ...creation,
    effectiveOn: today,
    legal: { ...creation.legal, number: 'ENV-CREATION', decidedOn: today },
    state: {
      ...creation.state,
      name: 'Campagne à enveloppes',
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
  const first = await addEnvelope('Somme', 300);
  expect(first.statusCode, first.body).toBe(201);
  somme = first.json().id;
  // Decided today for tomorrow: its share is reserved from now on.
  expect((await addEnvelope('Aisne', 50, addDays(today, 1))).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('passes issued outside any envelope', () => {
  it('stay within the plan less the envelopes’ caps, the refusal saying how many still fit', async () => {
    const over = await issue({ bookletCount: 70, bookletSize: 10 });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('program_cap_exceeded');
    expect(over.json().detail).toContain('350 réservés aux enveloppes (Somme, Aisne)');
    expect(errorsOf(over)).toEqual([{ field: 'bookletCount', message: 'Au plus 65 carnets de 10.' }]);
    expect(await issuedPasses()).toEqual({ all: 0, outside: 0 });

    // The dashboard plans as many outside the envelopes, the one of tomorrow counted.
    const dashboard = (await c.funder.request('GET', `/api/v1/programs/${programId}/dashboard`)).json();
    expect(dashboard.rows.map((r: { name: string; planned: number }) => [r.name, r.planned])).toEqual([
      ['Somme', 300],
      ['Hors enveloppe', 650],
    ]);

    const fits = await issue({ bookletCount: 65, bookletSize: 10 });
    expect(fits.statusCode, fits.body).toBe(201);
    const more = await issue({ bookletCount: 1, bookletSize: 5 });
    expect(more.statusCode).toBe(409);
    expect(errorsOf(more)[0]?.message).toBe('Plus aucun carnet de 5 ne peut être émis.');
  });

  it('leave the envelopes fillable to their caps', async () => {
    const filled = await issue({ bookletCount: 30, bookletSize: 10, envelopeId: somme });
    expect(filled.statusCode, filled.body).toBe(201);
    expect(await issuedPasses()).toEqual({ all: 950, outside: 650 });
  });

  it('refuse a new envelope that would reserve what is already issued outside them', async () => {
    const res = await addEnvelope('Oise', 10, addDays(today, 5));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('envelopes_over_cap');
    expect(errorsOf(res)[0]?.field).toBe('cap');
    expect(errorsOf(res)[0]?.message).toContain('650 pass sont déjà émis hors enveloppe');
    // 1,000 planned less 360 reserved leaves 640: the new envelope can take at most 10 − 10.
    expect(errorsOf(res)[0]?.message).toContain(
      'Plafond possible pour cette enveloppe à cette date : 0 pass.',
    );
    const view = (await c.funder.request('GET', `/api/v1/programs/${programId}`)).json();
    expect(view.allEnvelopes.map((e: { name: string }) => e.name).sort()).toEqual(['Aisne', 'Somme']);
  });

  it('refuse a later cut of the plan that leaves less than what is issued outside them', async () => {
    const res = await amend({ plannedPasses: 990 }, addDays(today, 3));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('plan_below_issued');
    expect(errorsOf(res)[0]).toEqual({
      field: 'changes.plannedPasses',
      message: expect.stringContaining('650 pass seraient déjà émis hors enveloppe'),
    });
    // A raise leaves more room outside them from its date on.
    const raised = await amend({ plannedPasses: 1_200 }, today);
    expect(raised.statusCode, raised.body).toBe(201);
    expect((await issue({ bookletCount: 20, bookletSize: 10 })).statusCode).toBe(201);
    expect((await issue({ bookletCount: 1, bookletSize: 5 })).statusCode).toBe(409);
    expect(await issuedPasses()).toEqual({ all: 1_150, outside: 850 });
  });
});
