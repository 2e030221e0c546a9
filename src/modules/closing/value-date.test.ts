import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

// A finance officer prepares the figures « au 31/12 » in January: a payment the bank received
// on 28 December but recorded on 10 January was in the period report's fundings of December
// (by the day received) and missing from the closure as of 31 December (by the day recorded):
// two documents for the same date that disagree. Money received counts from the day received.
let t: TestApp;
let c: Circulation;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

type Payer = { payer: string; receivedCents: number };
const PAYER = 'Région Hauts-de-France';

async function receivedAsOf(asOf: string) {
  const closure = (
    await c.funder.request('GET', `/api/v1/programs/${c.programId}/closure?asOf=${asOf}`)
  ).json();
  return (closure.byPayer as Payer[]).find((p) => p.payer === PAYER)?.receivedCents ?? 0;
}

describe('a funding recorded after the day it was received', () => {
  it('counts in the closure from the day received, as in the period report', async () => {
    const receivedOn = addDays(businessDate(), -3);
    const before = {
      dayBefore: await receivedAsOf(addDays(receivedOn, -1)),
      day: await receivedAsOf(receivedOn),
    };
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
      payer: PAYER,
      amountCents: 123_400,
      receivedOn,
      backdateReason: 'Virement reçu avant les congés, saisi au retour',
      reference: 'VIR-RETARD',
    });
    expect(res.statusCode).toBe(201);

    const report = (
      await c.funder.request(
        'GET',
        `/api/v1/programs/${c.programId}/report?from=${receivedOn}&to=${receivedOn}`,
      )
    ).json();
    const inReport = (
      report.money.fundings as { payer: string; receivedCents: number; reversedCents: number }[]
    )
      .filter((f) => f.payer === PAYER)
      .reduce((s, f) => s + f.receivedCents - f.reversedCents, 0);
    expect(inReport).toBeGreaterThanOrEqual(123_400);

    // The day before it was received: unchanged; from that day on: counted.
    expect(await receivedAsOf(addDays(receivedOn, -1))).toBe(before.dayBefore);
    expect(await receivedAsOf(receivedOn)).toBe(before.day + 123_400);
    expect((await receivedAsOf(receivedOn)) - (await receivedAsOf(addDays(receivedOn, -1)))).toBe(inReport);
  });

  it('counts from today when received today', async () => {
    const today = businessDate();
    const yesterday = await receivedAsOf(addDays(today, -1));
    const before = await receivedAsOf(today);
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
      payer: PAYER,
      amountCents: 10_000,
      reference: 'VIR-JOUR',
    });
    expect(res.statusCode).toBe(201);
    expect(await receivedAsOf(today)).toBe(before + 10_000);
    expect(await receivedAsOf(addDays(today, -1))).toBe(yesterday);
  });
});
