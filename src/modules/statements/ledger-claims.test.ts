import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import * as ledger from '../ledger/service.js';
import * as redemptions from '../redemptions/service.js';

/**
 * What the funder owes each place, in the ledger (issue 12, point 1): every redemption's
 * posting to 'redeemed' names its place, a cancellation takes it back, a payment moves it to
 * 'paid'; owed + paid = the value the place redeemed, and the database refuses a payment
 * beyond what is owed, whoever writes it.
 */
let t: TestApp;
let c: Circulation;
let placeId: string;
let codes: string[];
let demoPaid = 0;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  placeId = c.organisations['Médiathèque Louis Aragon']!;
  ({ codes } = await handedOutBooklets(t, c, 1));
});
afterAll(() => t.close());

const caller = () => ({ placeId, userId: null, keyId: null, label: 'test' });
const redeem = (code: string) =>
  redemptions.redeem(
    t.database.db,
    caller(),
    { code, nonce: randomUUID(), theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
    24,
  );

/** The value of the place's live redemptions in the campaign, from the redemptions themselves. */
async function liveValue(): Promise<number> {
  const { rows } = await t.database.pool.query(
    `SELECT coalesce(sum(face_value_cents), 0)::bigint AS v FROM redemptions
      WHERE place_id = $1 AND program_id = $2 AND cancelled_at IS NULL`,
    [placeId, c.programId],
  );
  return Number(rows[0].v);
}

const claim = () => ledger.placeClaim(t.database.db, c.programId, placeId);

describe("the place's claim in the ledger", () => {
  it('is posted by every redemption, alone or in a batch, and taken back by a cancellation', async () => {
    const postingsBefore = Number(
      (await t.database.pool.query('SELECT count(*) AS n FROM ledger_postings')).rows[0].n,
    );
    const single = await redeem(codes[0]!);
    const batch = await Promise.all(codes.slice(1, 6).map(redeem));
    const postingsAfter = Number(
      (await t.database.pool.query('SELECT count(*) AS n FROM ledger_postings')).rows[0].n,
    );
    // Still two postings per redemption: the claim is a column, not one more row.
    expect(postingsAfter - postingsBefore).toBe(2 * (1 + batch.length));
    const value = await liveValue();
    expect(value).toBeGreaterThan(0);
    // The demo paid some of the place's statements (demo/payments.ts): owed + paid = redeemed.
    demoPaid = (await claim()).paidCents;
    expect(await claim()).toEqual({ owedCents: value - demoPaid, paidCents: demoPaid });

    await redemptions.cancel(t.database.db, { caller: caller() }, single.redemption.id, 24);
    expect(await liveValue()).toBe(value - single.redemption.faceValueCents);
    expect((await claim()).owedCents).toBe(value - demoPaid - single.redemption.faceValueCents);
  });

  it('moves to paid with a payment: owed + paid = redeemed, and the value used is unchanged', async () => {
    const value = await liveValue();
    const before = await ledger.balancesOf(t.database.db, c.programId);
    await t.database.db.transaction((tx) =>
      ledger.payPlace(tx, {
        funderId: c.funderId,
        programId: c.programId,
        placeId,
        amountCents: 100,
        movementReason: 'test',
      }),
    );
    const after = await ledger.balancesOf(t.database.db, c.programId);
    expect(await claim()).toEqual({ owedCents: value - demoPaid - 100, paidCents: demoPaid + 100 });
    expect(after.redeemedCents).toBe(before.redeemedCents);
    expect(after.paidCents).toBe(before.paidCents + 100);
  });

  it('refuses a payment beyond what is owed, through the service', async () => {
    const { owedCents } = await claim();
    await expect(
      t.database.db.transaction((tx) =>
        ledger.payPlace(tx, {
          funderId: c.funderId,
          programId: c.programId,
          placeId,
          amountCents: owedCents + 1,
          movementReason: 'test',
        }),
      ),
    ).rejects.toMatchObject({ code: 'payment_beyond_owed' });
    expect((await claim()).owedCents).toBe(owedCents);
  });

  it('refuses, in the database itself, a payment beyond what is owed or naming no place', async () => {
    const { owedCents } = await claim();
    const pay = (cents: number, place: string | null) =>
      t.database.pool.query(
        `INSERT INTO ledger_postings (funder_id, program_id, movement, account, amount_cents, place_id)
         SELECT $1, $2, $3, a, x, $6 FROM unnest($4::text[], $5::bigint[]) AS l(a, x)`,
        [c.funderId, c.programId, randomUUID(), ['paid', 'redeemed'], [cents, -cents], place],
      );
    await expect(pay(owedCents + 1, placeId)).rejects.toThrow(/beyond what is owed/);
    await expect(pay(1, null)).rejects.toThrow(/ledger_postings_place/);
    // Exactly what is owed is accepted, and leaves nothing owed.
    await pay(owedCents, placeId);
    expect(await claim()).toEqual({ owedCents: 0, paidCents: await liveValue() });
    await expect(pay(1, placeId)).rejects.toThrow(/beyond what is owed/);
  });

  it('serialises two payments of the last euros: one of them is refused', async () => {
    await redeem(codes[6]!);
    const { owedCents } = await claim();
    const pay = () =>
      t.database.db.transaction((tx) =>
        ledger.payPlace(tx, {
          funderId: c.funderId,
          programId: c.programId,
          placeId,
          amountCents: owedCents,
          movementReason: 'test',
        }),
      );
    const outcomes = await Promise.allSettled([pay(), pay()]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await claim()).toEqual({ owedCents: 0, paidCents: await liveValue() });
  });
});
