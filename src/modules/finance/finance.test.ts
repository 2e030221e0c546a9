import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

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

// The Pays de Verdun's programme is closed today: these tests record what was done while it ran.
const HISTORY = 'Reprise de l’historique du dispositif';
const PAST = { issuedOn: '2022-06-01', backdateReason: HISTORY };

// Payers are the funder and its co-funders (the Pays de Verdun has none); these tests fund
// past the funder's share on purpose, so they confirm it. Each call is a transfer of its own,
// under its own reference (the same one twice would be taken for a form submitted twice).
let transfers = 0;
const fund = (amountCents: number, payer = 'PETR du Pays de Verdun') =>
  verdun.request('POST', `/api/v1/programs/${programId}/fundings`, {
    payer,
    amountCents,
    receivedOn: '2021-09-15',
    backdateReason: HISTORY,
    reference: `VIR-${amountCents}-${++transfers}`,
    confirmOverShare: true,
  });
const statusOf = (passes: { status: string; n: number }[], s: string) =>
  passes.find((p) => p.status === s)?.n ?? 0;

describe('funding and activation', () => {
  it('activates issued passes only up to the value actually on account', async () => {
    await verdun.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 50,
      bookletSize: 10,
      ...PAST,
    });
    const before = (await verdun.request('GET', `/api/v1/programs/${programId}/finance`)).json();
    expect(statusOf(before.passes, 'issued')).toBe(500);
    expect(statusOf(before.passes, 'active')).toBe(0);

    const res = await fund(123_456); // 1 234,56 €: 123 passes of 10 €, 4,56 € left unactivated
    expect(res.statusCode).toBe(201);
    expect(res.json().activatedPasses).toBe(123);
    expect(res.json().balances).toMatchObject({
      fundedCents: 123_456,
      activatedCents: 123_000,
      unactivatedCents: 456,
    });
    expect(statusOf(res.json().passes, 'active')).toBe(123);
  });

  it('activates newly issued passes at once when money is already on account', async () => {
    await fund(1_000_000);
    const issued = await verdun.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 20,
      bookletSize: 10,
      ...PAST,
    });
    expect(issued.json().activatedPasses).toBe(200);
    const view = (await verdun.request('GET', `/api/v1/programs/${programId}/finance`)).json();
    expect(statusOf(view.passes, 'active')).toBe(700);
    expect(view.balances.byPayer).toEqual([{ payer: 'PETR du Pays de Verdun', amountCents: 1_123_456 }]);
  });

  it('keeps funded = activated + unactivated, and activated value = value of active passes, after any fundings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 5 }),
        async (amounts) => {
          for (const a of amounts) expect((await fund(a)).statusCode).toBe(201);
          const { balances } = (await verdun.request('GET', `/api/v1/programs/${programId}/finance`)).json();
          expect(balances.fundedCents).toBe(balances.activatedCents + balances.unactivatedCents);
          const { rows } = await t.database.pool.query(
            `SELECT coalesce(sum(face_value_cents), 0)::bigint AS v FROM passes WHERE program_id = $1 AND status <> 'issued'`,
            [programId],
          );
          expect(rows[0].v).toBe(balances.activatedCents);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('refuses an unbalanced movement at the database', async () => {
    const error = await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO ledger_postings (funder_id, program_id, movement, account, amount_cents)
          SELECT funder_id, id, gen_random_uuid(), 'outstanding', 1000 FROM programs WHERE id = ${programId}`);
      })
      .catch((e) => e);
    expect(String(error.cause?.message ?? error.message)).toMatch(/does not balance/);
  });

  it('refuses half a movement even when the other half follows in the same transaction', async () => {
    const postings = (amount: number) => sql`
      INSERT INTO ledger_postings (funder_id, program_id, movement, account, amount_cents)
      SELECT funder_id, id, '00000000-0000-4000-8000-000000000001', 'outstanding', ${amount}
        FROM programs WHERE id = ${programId}`;
    const error = await t.database.db
      .transaction(async (tx) => {
        await tx.execute(postings(1000));
        await tx.execute(postings(-1000));
      })
      .catch((e) => e);
    expect(String(error.cause?.message ?? error.message)).toMatch(/does not balance/);
    const { rows } = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM ledger_postings WHERE movement = '00000000-0000-4000-8000-000000000001'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('names bad fields, refuses viewers and other funders', async () => {
    const bad = await verdun.request('POST', `/api/v1/programs/${programId}/fundings`, {
      payer: '',
      amountCents: -5,
      receivedOn: 'hier',
      reference: 'x',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['amountCents', 'payer', 'receivedOn']);
    const hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
    expect(
      (
        await hdf.request('POST', `/api/v1/programs/${programId}/fundings`, {
          payer: 'x',
          amountCents: 1,
          receivedOn: '2024-01-01',
          reference: 'r',
        })
      ).statusCode,
    ).toBe(404);
    expect((await hdf.request('GET', `/api/v1/programs/${programId}/finance`)).statusCode).toBe(404);
  });
});
