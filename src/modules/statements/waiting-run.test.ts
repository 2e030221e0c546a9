import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate, frenchDate } from '../../core/dates.js';
import { standingDetails } from '../../core/statement-standing.js';
import type { Client, TestApp } from '../../test/app.js';
import { startTestApp } from '../../test/app.js';
import type { Circulation } from '../../test/circulation.js';
import { paymentsScene, statedRedemptions } from '../../test/payments.js';
import { pdfText } from '../../test/pdf.js';

/*
 * « Quand serai-je payé ? » : a place whose statement sits in a payment run the funder has
 * prepared, or approved, read « Approuvé » or « Émis » and nothing more, and rang the funder.
 * Its statement says where the transfer is, and the day of execution it asks for, until the
 * file goes to the bank.
 */
let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let mediatheque: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, second, placeAdmin, mediatheque } = await paymentsScene(t, 'deuxieme.attente@hautsdefrance.test'));
  await statedRedemptions(t, c, placeAdmin, mediatheque, 2);
});
afterAll(() => t.close());

type Summary = {
  id: string;
  number: string;
  month: string;
  inRun: { runStatus: string; requestedOn: string } | null;
};

async function thisMonths() {
  const list = (await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/statements`)).json();
  return (list.statements as Summary[]).find((s) => s.month === businessDate().slice(0, 7))!;
}

describe('a statement in a payment run not sent yet', () => {
  it('says the transfer is being prepared, then approved, with the day asked, then no more once sent', async () => {
    expect((await thisMonths()).inRun).toBeNull();
    const runs = `/api/v1/funders/${c.funderId}/payment-runs`;
    const prepared = await c.funder.request('POST', runs, {});
    expect(prepared.statusCode, prepared.body).toBe(201);
    const run = prepared.json();

    const waiting = await thisMonths();
    expect(waiting.inRun).toEqual({ runStatus: 'prepared', requestedOn: run.requestedExecutionDate });
    // The words the place's list and its PDF say (core/statement-standing.ts), from what it is sent.
    const words = standingDetails(waiting as never, String);
    expect(words).toBe(
      `Virement en préparation chez le financeur, pour une exécution demandée le ${frenchDate(run.requestedExecutionDate)} : il doit encore être approuvé, puis envoyé à la banque.`,
    );
    const pdf = await placeAdmin.request('GET', `/api/v1/statements/${waiting.id}/pdf`);
    expect(pdfText(pdf.rawPayload).replace(/\s+/g, ' ')).toContain(
      'Virement en préparation chez le financeur',
    );

    const approved = await second.request('POST', `${runs}/${run.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await thisMonths()).inRun).toEqual({
      runStatus: 'approved',
      requestedOn: run.requestedExecutionDate,
    });

    const file = await c.funder.request('POST', `${runs}/${run.id}/sepa`);
    expect(file.statusCode).toBe(200);
    expect((await thisMonths()).inRun).toBeNull();
  });
});
