import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { newAccount } from '../src/test/accounts.js';
import { signIn } from '../src/test/app.js';
import { demoCampaign } from '../src/test/circulation.js';
import { camt053, importBankFile, sentRun, statedRedemptions } from '../src/test/payments.js';
import { expectAccessibleAtBothWidths, hasBrowser, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const today = businessDate();

/**
 * A finance officer imported the bank's statement of Monday, which booked a transfer for
 * another amount, and left the line to decide; Tuesday's statement booked the same transfer in
 * full and paid it. Monday's report offered « Accepter » still, which paid nothing and answered
 * « Ce virement a déjà été rapproché ». It now says the transfer was reconciled since, offers
 * only to set the line aside, and the server says so too.
 */
describe.runIf(hasBrowser)('a bank line whose transfer another statement paid', () => {
  it('is no longer offered for acceptance, only to be set aside', async () => {
    const { t } = j;
    const c = await demoCampaign(t);
    const place = c.organisations['Médiathèque Louis Aragon']!;
    const second = await newAccount(t, {
      funderId: c.funderId,
      email: 'compta@hautsdefrance.test',
      role: 'funder_admin',
    });
    const placeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
    await statedRedemptions(t, c, placeAdmin, place, 2);
    const { run } = await sentRun(c, second);
    const transfer = run.transfers.find((x: { placeId: string }) => x.placeId === place);
    const upload = (fileName: string, cents: number) =>
      importBankFile(t, c, c.funder, camt053(today, [[transfer.endToEndId, cents]]), 'camt053', fileName);
    const monday = (await upload('releve-lundi.xml', 1000)).json();
    expect(monday.lines[0]).toMatchObject({ outcome: 'partial', transferSettledSince: false });
    const tuesday = (await upload('releve-mardi.xml', transfer.amountCents)).json();
    expect(tuesday.counts).toMatchObject({ matched: 1, partial: 0 });

    // The server says Monday's line can only be set aside now, and refuses to accept it.
    const report = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/bank-imports/${monday.id}`)
    ).json();
    expect(report.lines[0]).toMatchObject({ outcome: 'partial', transferSettledSince: true, decision: null });
    expect(report.pending).toBe(1);
    const accept = await c.funder.request(
      'POST',
      `/api/v1/funders/${c.funderId}/bank-imports/${monday.id}/lines/${report.lines[0].id}/decision`,
      { decision: 'accept' },
    );
    expect(accept.statusCode).toBe(409);
    expect(accept.json().code).toBe('transfer_settled');

    // The finance officer opens Monday's report: no « Accepter », the reason, and « Écarter ».
    const page = await j.newPage();
    await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
    await page.waitForURL(/\/financeur$/);
    await page.goto(`${j.baseUrl}/financeur/paiements`);
    await page.getByRole('button', { name: 'Voir le rapport de releve-lundi.xml' }).click();
    const row = page
      .getByRole('table', { name: 'Lignes du relevé releve-lundi.xml' })
      .getByRole('row')
      .nth(1);
    await poll(() => row.textContent()).toContain(
      'Virement rapproché depuis par une autre ligne : il ne peut plus être accepté ici.',
    );
    expect(await row.getByRole('button', { name: /Accepter/ }).count()).toBe(0);
    await expectAccessibleAtBothWidths(page, 'bank report, a line settled since');
    await row.getByRole('button', { name: 'Écarter la ligne 1' }).click();
    await row.getByLabel('Motif pour écarter la ligne 1').fill('Payé en entier par le relevé du lendemain');
    await row.getByRole('button', { name: 'Écarter la ligne 1' }).click();
    await poll(() => row.textContent()).toContain('Ligne écartée');
    await poll(() => page.getByText('Aucune décision en attente.').count()).toBe(1);
  }, 180_000);
});
