import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { dayAfterMonth, nextMonth } from '../../core/statement.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { redeemAt } from '../../test/payments.js';
import * as ledger from '../ledger/service.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';

/**
 * A redemption cancelled after its statement was issued, before the transfer paying that
 * statement is booked: the bank pays the statement's total, and the cancellation is deducted
 * on the place's next statement (an adjustment). Today the database refuses that payment as
 * beyond what is owed, and the whole bank file with it, when the place has no other claim left.
 * What a place may be paid is what it is owed plus the adjustments its next statement will
 * deduct; not a cent more.
 */
let t: TestApp;
let c: Circulation;
let place: string;
let codes: string[];
const month = businessDate().slice(0, 7);
const caller = () => ({ placeId: place, userId: null, keyId: null, label: 'test' });

const redeem = (code: string) => redeemAt(t, place, code);

async function owed() {
  const { rows } = await t.database.pool.query(
    `SELECT coalesce(sum(amount_cents) FILTER (WHERE account = 'redeemed'), 0)::int AS owed
       FROM ledger_postings WHERE program_id = $1 AND place_id = $2`,
    [c.programId, place],
  );
  return rows[0].owed as number;
}

const pay = (amountCents: number) =>
  t.database.db.transaction((tx) =>
    ledger.payPlace(tx, {
      funderId: c.funderId,
      programId: c.programId,
      placeId: place,
      amountCents,
      movementReason: 'test',
    }),
  );

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  place = c.organisations['Médiathèque Louis Aragon']!;
  ({ codes } = await handedOutBooklets(t, c, 1));
});
afterAll(() => t.close());

describe('a payment while a cancellation awaits its adjustment', () => {
  let face: number;

  it('pays the statement’s total: what is owed plus the adjustment to come, not a cent more', async () => {
    const kept = await redeem(codes[0]!);
    const undone = await redeem(codes[1]!);
    face = undone.faceValueCents;
    await statements.run(t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
    await redemptions.cancel(t.database.db, { caller: caller() }, undone.id, 24);
    // Everything else the place was owed is paid first: no other claim hides the case.
    const rest = (await owed()) - kept.faceValueCents;
    if (rest > 0) await pay(rest);
    expect(await owed()).toBe(kept.faceValueCents);
    // The bank books the statement's total, both passes: the cancelled one comes off next month.
    await expect(pay(kept.faceValueCents + face + 1)).rejects.toMatchObject({ code: 'payment_beyond_owed' });
    await pay(kept.faceValueCents + face);
    expect(await owed()).toBe(-face);
  });

  it('once the adjustment is on a statement, the place owes it back: nothing more is paid', async () => {
    await statements.run(
      t.database.db,
      { month: nextMonth(month), funderId: c.funderId },
      dayAfterMonth(nextMonth(month)),
    );
    const { rows } = await t.database.pool.query(
      `SELECT s.total_cents::int AS total FROM statements s
        WHERE s.program_id = $1 AND s.place_id = $2 AND s.month = $3::date`,
      [c.programId, place, `${nextMonth(month)}-01`],
    );
    expect(rows[0].total).toBe(-face);
    await expect(pay(1)).rejects.toMatchObject({ code: 'payment_beyond_owed' });
  });
});
