import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign } from '../../test/circulation.js';

/*
 * Corrections on the demo's running campaign (50 000 €, half from the State): 500 passes
 * issued, 450 funded by the Region (3 000 €) and the State (1 500 €).
 */

let t: TestApp;
let hdf: Client;
let programId: string;
let missionLocale: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const c = await demoCampaign(t);
  hdf = c.funder;
  programId = c.programId;
  missionLocale = c.organisations['Mission locale du Grand Amiénois']!;
});
afterAll(() => t.close());

const url = (path = '') => `/api/v1/programs/${programId}${path}`;
const fund = (body: Record<string, unknown>) =>
  hdf.request('POST', url('/fundings'), { receivedOn: businessDate(), reference: 'Test', ...body });
const finance = async () => (await hdf.request('GET', url('/finance'))).json();
const count = (f: { passes: { status: string; n: number }[] }, s: string) =>
  f.passes.find((p) => p.status === s)?.n ?? 0;

describe('payers', () => {
  it('are the funder and its co-funders as of the date, each with its share and what it paid', async () => {
    const res = await hdf.request('GET', url('/payers'));
    expect(res.json()).toEqual([
      { name: 'Région Hauts-de-France', shareCents: 2_500_000, receivedCents: 300_000 },
      { name: 'État (ANCT)', shareCents: 2_500_000, receivedCents: 150_000 },
    ]);
  });

  it('refuses a payer typed another way, naming the field and the list', async () => {
    const res = await fund({ payer: 'Etat (ANCT)', amountCents: 1_000 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'payer_not_cofunder', errors: [{ field: 'payer' }] });
    expect(res.json().detail).toMatch(/Région Hauts-de-France, État \(ANCT\)/);
    expect((await finance()).balances.byPayer).toHaveLength(2);
  });

  it('asks for a confirmation before taking a payer past its share', async () => {
    const res = await fund({ payer: 'État (ANCT)', amountCents: 2_400_000 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'payer_share_exceeded', errors: [{ field: 'amountCents' }] });
    expect(res.json().detail).toMatch(/25\u202F500,00\u00A0€ pour une part de 25\u202F000,00\u00A0€/);
    expect(count(await finance(), 'issued')).toBe(50);
    const confirmed = await fund({ payer: 'État (ANCT)', amountCents: 2_400_000, confirmOverShare: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().activatedPasses).toBe(50);
    // A correction: the State's 24 000 € were a typing error.
    const f = confirmed.json().fundings.at(-1);
    const reversed = await hdf.request('POST', url(`/fundings/${f.id}/reversal`), {
      reason: 'Montant erroné',
    });
    expect(reversed.statusCode).toBe(201);
    expect(reversed.json().deactivatedPasses).toBe(50);
  });
});

describe('reversing a funding recorded wrongly', () => {
  it('cancels a 1 000 000 000 € funding: its money leaves, the passes it activated in stock return to unactivated', async () => {
    const before = await finance();
    const wrong = await fund({
      payer: 'Région Hauts-de-France',
      amountCents: 100_000_000_000,
      confirmOverShare: true,
    });
    expect(wrong.statusCode).toBe(201);
    const issued = await hdf.request('POST', url('/issues'), { bookletCount: 100, bookletSize: 10 });
    expect(issued.json().activatedPasses).toBe(1_000);
    const fundingId = wrong.json().fundingId;

    const res = await hdf.request('POST', url(`/fundings/${fundingId}/reversal`), {
      reason: 'Saisie de test',
    });
    expect(res.statusCode).toBe(201);
    const after = res.json();
    expect(after.deactivatedPasses).toBe(1_050);
    expect(after.balances.fundedCents).toBe(before.balances.fundedCents);
    expect(after.balances.activatedCents).toBe(before.balances.activatedCents);
    expect(after.balances.fundedCents).toBe(after.balances.activatedCents + after.balances.unactivatedCents);
    expect(count(after, 'active')).toBe(count(before, 'active'));
    expect(count(after, 'issued')).toBe(1_050);
    // The funding stays, marked reversed with its reason: a correction, not an edit.
    expect(after.fundings.find((f: { id: string }) => f.id === fundingId)).toMatchObject({
      amountCents: 100_000_000_000,
      reversal: { reason: 'Saisie de test', deactivatedPasses: 1_050 },
    });
    const { rows } = await t.database.pool.query(
      `SELECT coalesce(sum(face_value_cents), 0)::bigint AS v FROM passes WHERE program_id = $1 AND status <> 'issued'`,
      [programId],
    );
    expect(rows[0].v).toBe(after.balances.activatedCents);

    const again = await hdf.request('POST', url(`/fundings/${fundingId}/reversal`), { reason: 'Encore' });
    expect(again.json().code).toBe('funding_already_reversed');
  });

  it('is refused while the passes it backs circulate', async () => {
    const small = await fund({ payer: 'Région Hauts-de-France', amountCents: 10_000 });
    expect(small.json().activatedPasses).toBe(10);
    // Every funded booklet of the stock goes to the Mission locale.
    const allocated = await hdf.request('POST', url('/allocations'), {
      prescriberId: missionLocale,
      count: 24,
    });
    expect(allocated.statusCode).toBe(201);
    const res = await hdf.request('POST', url(`/fundings/${small.json().fundingId}/reversal`), {
      reason: 'Doublon',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'funding_passes_circulating' });
    expect(res.json().detail).toMatch(/circulent déjà/);
    expect(
      (await finance()).fundings.find((f: { id: string }) => f.id === small.json().fundingId).reversal,
    ).toBeNull();
  });

  it('needs a reason and a funder admin', async () => {
    const f = (await finance()).fundings[0];
    const blank = await hdf.request('POST', url(`/fundings/${f.id}/reversal`), { reason: '  ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors[0].field).toBe('reason');
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect(
      (await viewer.request('POST', url(`/fundings/${f.id}/reversal`), { reason: 'x' })).statusCode,
    ).toBe(403);
  });
});
