import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/*
 * A co-funder's payments are recorded under its name. A finance officer renamed « État (ANCT) »
 * « ANCT » in an amendment: the co-funders' table then showed nothing received from ANCT (to
 * be called again for everything), while the closure still listed « État (ANCT) ». A co-funder
 * that has paid keeps its name in the list; anything else in the list may change.
 */
let t: TestApp;
let c: Circulation;
const today = businessDate();
const { legal } = hautsDeFranceDemoCampaign.creation;
let n = 0;
const amend = (cofunders: unknown[], confirm: Record<string, boolean> = {}) =>
  c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
    effectiveOn: today,
    legal: { ...legal, number: `COFIN-${n++}`, decidedOn: today },
    changes: { budget: { cofunders } },
    ...confirm,
  });
const cofundersNow = async () =>
  (await c.funder.request('GET', `/api/v1/programs/${c.programId}`))
    .json()
    .state.budget.cofunders.map((x: { name: string }) => x.name);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

describe('an amendment of the co-funders', () => {
  it('keeps a co-funder that has paid under its name: renamed or dropped, it is refused', async () => {
    const shares = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/cofunder-shares`)).json();
    expect(shares.shares[0]).toMatchObject({ name: 'État (ANCT)' });
    expect(shares.shares[0].receivedCents).toBeGreaterThan(0);

    for (const cofunders of [[{ name: 'ANCT', shareBps: 5_000, usedShareBps: 5_000 }], []]) {
      const res = await amend(cofunders);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('cofunder_has_payments');
      expect(res.json().errors).toEqual([
        {
          field: 'changes.budget.cofunders',
          message: expect.stringContaining('« État (ANCT) » a déjà versé'),
        },
      ]);
    }
    expect(await cofundersNow()).toEqual(['État (ANCT)']);
  });

  it('takes any other change of the list: its share, or a new co-funder beside it', async () => {
    const res = await amend([
      { name: 'État (ANCT)', shareBps: 4_000, usedShareBps: 4_000 },
      { name: 'Banque des Territoires', shareBps: 1_000 },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(await cofundersNow()).toEqual(['État (ANCT)', 'Banque des Territoires']);
  });

  it('asks for a confirmation before cutting a co-funder’s share below what it has paid', async () => {
    const state = (await c.funder.request('GET', `/api/v1/programs/${c.programId}`)).json().state;
    const shares = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/cofunder-shares`)).json();
    const paid = shares.shares.find((s: { name: string }) => s.name === 'État (ANCT)').receivedCents;
    const total = state.budget.lines.reduce(
      (sum: number, l: { amountCents: number }) => sum + l.amountCents,
      0,
    );
    expect(paid).toBeGreaterThan(total / 100);
    const cut = [{ name: 'État (ANCT)', shareBps: 100, usedShareBps: 100 }];

    const res = await amend(cut);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('share_below_paid');
    expect(res.json().errors).toEqual([
      {
        field: 'confirmShareBelowPaid',
        message: expect.stringMatching(
          /^La part de « État \(ANCT\) » au budget passerait à .* alors qu’il a déjà versé .* à lui rendre/,
        ),
      },
    ]);
    expect(await cofundersNow()).toEqual(['État (ANCT)', 'Banque des Territoires']);

    const confirmed = await amend(cut, { confirmShareBelowPaid: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(await cofundersNow()).toEqual(['État (ANCT)']);
    const entry = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'program.amend' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry.rows[0].summary).toMatchObject({ confirmedShareBelowPaid: ['État (ANCT)'] });
  });
});
