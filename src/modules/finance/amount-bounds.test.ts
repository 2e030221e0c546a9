import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTS } from '../../core/money.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

/** Found by the generated-input test: two fundings near 2^53 cents made the programme's balances unreadable. */
let t: TestApp;
let verdun: Client;
let programId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  verdun = await signIn(t.app, 'financeur@paysdeverdun.test');
  const funderId = verdun.session.memberships[0]!.funderId!;
  programId = (await verdun.request('GET', `/api/v1/funders/${funderId}/programs`)).json()[0].id;
});
afterAll(() => t.close());

const fund = (amountCents: number) =>
  verdun.request('POST', `/api/v1/programs/${programId}/fundings`, {
    payer: 'PETR du Pays de Verdun',
    amountCents,
    receivedOn: '2021-09-15',
    backdateReason: 'Reprise de l’historique du dispositif',
    reference: `VIR-${amountCents}`,
    // The funder's own share is its budget: these amounts are past it on purpose.
    confirmOverShare: true,
  });

describe('amounts far beyond any programme', () => {
  it('refuses a funding above 100 billion euros, naming the amount', async () => {
    const res = await fund(Number.MAX_SAFE_INTEGER);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['amountCents']);
  });

  it('refuses the funding that would take the total received past that bound, and the balances stay readable', async () => {
    expect((await fund(MAX_AMOUNT_CENTS)).statusCode).toBe(201);
    const over = await fund(1);
    expect(over.statusCode).toBe(422);
    expect(over.json().errors.map((e: { field: string }) => e.field)).toEqual(['amountCents']);
    const finance = await verdun.request('GET', `/api/v1/programs/${programId}/finance`);
    expect(finance.statusCode).toBe(200);
    expect(finance.json().balances.fundedCents).toBe(MAX_AMOUNT_CENTS);
  });
});
