import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import type { Circulation } from '../../test/circulation.js';
import {
  acceptPartialLines,
  camt053,
  importBankFile,
  importedBankFile,
  paymentsScene,
  sentRun,
  statedRedemptions,
} from '../../test/payments.js';

/**
 * What the funder owed each place as of a past date is a record: it reads what was recorded by
 * then, in every column. The ledger's columns (owed, paid) are read by the time each posting
 * was recorded; the rest of a transfer paid in part was read by the bank's booking date, so a
 * bank line booked yesterday and imported today changed yesterday's report, and the columns
 * of one row disagreed (paid nothing, yet a rest left of a payment).
 */
let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let place: string;
const today = businessDate();
const yesterday = addDays(today, -1);

type Row = {
  placeId: string;
  programId: string;
  sentCents: number;
  paidCents: number;
  remainderCents: number;
};

async function rowAsOf(day: string): Promise<Row | undefined> {
  const res = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables?asOf=${day}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().rows.find((r: Row) => r.placeId === place && r.programId === c.programId);
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque: place, second, placeAdmin } = await paymentsScene(t, 'tresorier@hautsdefrance.test'));
});
afterAll(() => t.close());

describe('the payables as of a past date', () => {
  it('do not change with what is recorded today, whatever day the bank booked it', async () => {
    const before = await rowAsOf(yesterday);
    expect(before, 'the demo place had claims yesterday').toBeDefined();
    const earlierToday = (await rowAsOf(today))!;
    await statedRedemptions(t, c, placeAdmin, place, 3);
    const transfer = (await sentRun(c, second)).run.transfers.find(
      (x: { placeId: string }) => x.placeId === place,
    );
    await acceptPartialLines(
      c,
      await importedBankFile(t, c, camt053(yesterday, [[transfer.endToEndId, 500]])),
    );
    expect(await rowAsOf(yesterday)).toEqual(before);
    // As of today the row counts the payment in every column: paid, and the rest still to pay.
    const now = (await rowAsOf(today))!;
    expect(now.paidCents).toBe(earlierToday.paidCents + 500);
    expect(now.remainderCents).toBe(earlierToday.remainderCents + transfer.amountCents - 500);
  });

  it('take no bank line booked after today: the file is refused, naming the line, nothing recorded', async () => {
    await statedRedemptions(t, c, placeAdmin, place, 1);
    const transfer = (await sentRun(c, second)).run.transfers.find(
      (x: { placeId: string }) => x.placeId === place,
    );
    const before = await rowAsOf(today);
    const tomorrow = addDays(today, 1);
    const res = await importBankFile(
      t,
      c,
      c.funder,
      camt053(tomorrow, [[transfer.endToEndId, transfer.amountCents]]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'file',
        message: expect.stringMatching(/^Écriture n° 1 : l’opération est datée du .*, après aujourd’hui/),
      },
    ]);
    expect(await rowAsOf(today)).toEqual(before);
    const shown = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json();
    expect(
      shown.runs
        .flatMap((r: { transfers: { id: string; status: string }[] }) => r.transfers)
        .find((x: { id: string }) => x.id === transfer.id).status,
    ).toBe('sent');
  });
});
