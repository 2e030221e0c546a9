import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';
import { runEndOfProgrammes } from './end-of-programme.js';

/*
 * A funding recorded twice is found at the closure, when the finance officer checks the payers'
 * money against the bank. By then no pass circulates: those never handed out were cancelled at
 * the usage end, those handed out and not used expired after the tolerance. The money of the
 * duplicate backs no pass anyone holds; reversing it takes its value back from what was
 * cancelled or expired, so that the closure says what each payer really paid. A funding whose
 * money went to passes used stays: the places were paid with it.
 */
let t: TestApp;
let c: Circulation;
const T0 = businessDate();
const U = addDays(T0, 40);
const AFTER = addDays(U, 32); // the day after the tolerance for late sessions (31 days)

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const { creation } = hautsDeFranceDemoCampaign;
  const amended = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
    effectiveOn: T0,
    legal: { ...creation.legal, number: 'DOUBLON-FIN', decidedOn: T0 },
    changes: { calendar: { distributionEnd: T0, usageEnd: U } },
  });
  expect(amended.statusCode, amended.body).toBe(201);
});
afterAll(() => t.close());

const url = (path = '') => `/api/v1/programs/${c.programId}${path}`;
const closure = async () => (await c.funder.request('GET', url('/closure'))).json();
const finance = async () => (await c.funder.request('GET', url('/finance'))).json();
const region = (s: { byPayer: { payer: string; receivedCents: number }[] }) =>
  s.byPayer.find((p) => p.payer === 'Région Hauts-de-France')!.receivedCents;

describe('a funding reversed after the end of its programme', () => {
  let duplicate: string;

  it('is refused while handed-out passes may still be used (the tolerance for late sessions)', async () => {
    const funded = await c.funder.request('POST', url('/fundings'), {
      payer: 'Région Hauts-de-France',
      amountCents: 10_000,
      reference: 'VIR-2026-118',
      confirmOverShare: true,
    });
    expect(funded.statusCode, funded.body).toBe(201);
    duplicate = funded.json().fundingId;
    await runEndOfProgrammes(t.database.db, addDays(U, 1));
    const res = await c.funder.request('POST', url(`/fundings/${duplicate}/reversal`), { reason: 'Doublon' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('funding_passes_circulating');
    expect(res.json().detail).toMatch(/circulent déjà \([1-9]\d* pass/);
  });

  it('takes its value back from the passes cancelled or expired once none circulates', async () => {
    await runEndOfProgrammes(t.database.db, AFTER);
    const before = { closure: await closure(), finance: await finance() };
    expect(before.closure.passes.outstanding).toBe(0);
    const dead = before.closure.money.cancelledCents + before.closure.money.expiredCents;
    expect(dead).toBeGreaterThanOrEqual(10_000);

    const res = await c.funder.request('POST', url(`/fundings/${duplicate}/reversal`), {
      reason: 'Virement saisi deux fois',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().deactivatedPasses).toBe(0);
    const after = await closure();
    expect(region(after)).toBe(region(before.closure) - 10_000);
    expect(after.money.fundedCents).toBe(before.closure.money.fundedCents - 10_000);
    expect(after.money.cancelledCents + after.money.expiredCents).toBe(dead - 10_000);
    // What was used, owed and never activated is as it was.
    for (const k of ['usedCents', 'owedCents', 'paidCents', 'unactivatedCents'])
      expect(after.money[k], k).toBe(before.closure.money[k]);
    expect(after.passes).toEqual(before.closure.passes);
    const { rows } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'funding.reverse' AND object_id = $1`,
      [duplicate],
    );
    expect(rows[0].summary).toMatchObject({
      amountCents: 10_000,
      deactivatedPasses: 0,
      reclaimedCents: 10_000,
    });
  });

  it('is refused, with nothing changed, for money the places were paid with', async () => {
    // Reversing every funding in turn: at some point what is left cancelled or expired cannot
    // cover it, the rest of its money having gone to passes used.
    const list = (await finance()).fundings.filter((f: { reversal: unknown }) => !f.reversal);
    let refused: { code: string; detail: string; errors: { field: string }[] } | null = null;
    for (const f of list) {
      const before = await finance();
      const res = await c.funder.request('POST', url(`/fundings/${f.id}/reversal`), { reason: 'Essai' });
      if (res.statusCode === 409) {
        refused = res.json();
        expect(await finance()).toEqual(before);
        break;
      }
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(refused).toMatchObject({ code: 'funding_value_used', errors: [{ field: 'fundingId' }] });
    expect(refused!.detail).toMatch(/pass déjà utilisés/);
    const after = await closure();
    expect(after.money.unactivatedCents).toBeGreaterThanOrEqual(0);
    expect(after.money.fundedCents + after.money.carriedInCents).toBe(
      after.money.unactivatedCents +
        after.money.usedCents +
        after.money.expiredCents +
        after.money.cancelledCents +
        after.money.outstandingCents +
        after.money.carriedOutCents,
    );
  });
});
