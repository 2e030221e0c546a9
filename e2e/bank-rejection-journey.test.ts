import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCampaign } from '../src/test/circulation.js';
import { formatCents } from '../web/src/lib/format.js';
import { expectAccessibleAtBothWidths, hasBrowser, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

/**
 * The bank refused a whole SEPA file (its rejection report: debtor account blocked). The
 * finance officer sends the demo's approved run (its file downloaded), then records on the
 * run's card that the bank refused it, with the reason: the card reads « Refusé par la banque
 * le … : <motif> », and the run's statements are to pay again, in a new run. (The money side:
 * src/modules/payments/bank-rejection.test.ts.)
 */
describe.runIf(hasBrowser)('a file the bank refused', () => {
  it('is recorded on the run’s card, and its statements are to pay again', async () => {
    const c = await demoCampaign(j.t);
    const payable = async () =>
      (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payments`)).json().payable as {
        statements: number;
        totalCents: number;
      };
    const funder = await j.newPage();
    await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
    await funder.waitForURL(/\/financeur$/);
    await funder.goto(`${j.baseUrl}/financeur/paiements`);

    // The demo's run, approved: its file downloaded, it is sent to the bank.
    const download = funder.getByRole('button', { name: 'Télécharger le fichier de virements SEPA' });
    await poll(() => download.count()).toBe(1);
    await Promise.all([funder.waitForEvent('download'), download.click()]);
    // Only this run may be refused: the demo's other one was paid by the bank.
    const refuse = funder.getByRole('button', { name: /^La banque a refusé le fichier/ });
    await poll(() => refuse.count()).toBe(1);
    const before = await payable();

    // The form opens with its heading in focus; cancelled, the focus is back on the button.
    await refuse.click();
    const title = funder.getByRole('heading', { name: /^Refus du fichier par la banque : lot du / });
    await poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await funder.getByRole('button', { name: 'Annuler', exact: true }).click();
    await poll(() => refuse.evaluate((el) => el === document.activeElement)).toBe(true);
    await refuse.click();
    await poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessibleAtBothWidths(funder, 'payments, the bank’s refusal form');

    // Without a reason it is refused, and said.
    const record = funder.getByRole('button', { name: 'Enregistrer le refus' });
    await record.click();
    await poll(() => funder.getByRole('alert').first().textContent()).toContain(
      'Dites pourquoi la banque a refusé le fichier',
    );
    await funder.getByLabel('Motif du refus donné par la banque').fill('Compte débiteur bloqué');
    await record.click();

    // The card reads the refusal; the focus is on the run's heading, the outcome in a live region.
    await poll(() =>
      funder.getByRole('status').filter({ hasText: 'Refus de la banque enregistré' }).count(),
    ).toBe(1);
    await poll(() => funder.getByText(/^Refusé par la banque le .+ : Compte débiteur bloqué$/).count()).toBe(
      1,
    );
    await poll(() => funder.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    await poll(() => funder.evaluate(() => document.activeElement?.textContent ?? '')).toContain(
      'Refusé par la banque',
    );
    await poll(() => refuse.count()).toBe(0);
    // Its file is not offered again: sent once more, it would pay what the next run pays.
    const card = funder.getByRole('article').filter({ hasText: 'Compte débiteur bloqué' });
    await poll(() => card.getByRole('button', { name: /^Télécharger/ }).count()).toBe(0);

    // Its statements are to pay again: a new run may take them.
    const after = await payable();
    expect(after.statements).toBeGreaterThan(before.statements);
    const many = after.statements > 1 ? 's' : '';
    await poll(() =>
      funder.getByText(`${after.statements} relevé${many} émis`, { exact: false }).count(),
    ).toBe(1);
    await poll(() =>
      funder.getByText(`pour ${formatCents(after.totalCents)}`, { exact: false }).count(),
    ).toBe(1);
    const prepare = funder.getByRole('button', { name: 'Préparer un lot de paiement' });
    await poll(() => prepare.isEnabled()).toBe(true);
    await expectAccessibleAtBothWidths(funder, 'payments, a run the bank refused');

    await prepare.click();
    await poll(() => funder.getByRole('button', { name: 'Approuver le lot' }).count()).toBe(1);
    await poll(() => funder.getByText('Aucun relevé émis en attente de paiement.').count()).toBe(1);
  }, 240_000);
});
