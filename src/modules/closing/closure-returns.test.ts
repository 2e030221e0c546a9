import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

// A Département's finance officer, at the closure: the co-funders' shares said the State had
// paid 1 110 € beyond its 50 % of the passes used (« versé en plus »), and the closure's table
// of what goes back to each payer said « À rendre 0,00 € » for the State, which counted only
// the money never activated. A co-funder tied to the passes used gets back all it paid beyond
// its share; the money never activated is still shared out, and shown, for every payer.
let t: TestApp;
let c: Circulation;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

type Payer = {
  payer: string;
  receivedCents: number;
  neverActivatedCents: number;
  shareCents: number | null;
  toReturnCents: number;
};

describe('what the closure returns to each payer', () => {
  it('gives the State back what it paid beyond its share of the passes used, as its share says', async () => {
    const closure = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/closure`)).json();
    const shares = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/cofunder-shares`)).json();
    const state = closure.byPayer.find((p: Payer) => p.payer === 'État (ANCT)') as Payer;
    const share = shares.shares.find((s: { name: string }) => s.name === 'État (ANCT)');
    // The demo's State paid ahead of the passes used: the case of the finding.
    expect(share.balanceCents).toBeLessThan(0);
    expect(state.shareCents).toBe(share.owedCents);
    expect(state.receivedCents).toBe(share.receivedCents);
    expect(state.toReturnCents).toBe(-share.balanceCents);
    expect(state.toReturnCents).toBeGreaterThan(state.neverActivatedCents);
  });

  it('shares out the money never activated among all payers, and returns it to a payer without a use rule', async () => {
    const closure = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/closure`)).json();
    const payers = closure.byPayer as Payer[];
    expect(payers.reduce((t, p) => t + p.neverActivatedCents, 0)).toBe(
      Math.max(0, closure.money.unactivatedCents),
    );
    const region = payers.find((p) => p.payer === 'Région Hauts-de-France')!;
    expect(region.shareCents).toBeNull();
    expect(region.toReturnCents).toBe(region.neverActivatedCents);
    for (const p of payers) expect(p.toReturnCents).toBeLessThanOrEqual(Math.max(0, p.receivedCents));
  });
});
