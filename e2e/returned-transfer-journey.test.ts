import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { newAccount } from '../src/test/accounts.js';
import { signIn } from '../src/test/app.js';
import { demoCampaign } from '../src/test/circulation.js';
import { camt053, importBankFile, sentRun, statedRedemptions } from '../src/test/payments.js';
import { formatCents, formatDate } from '../web/src/lib/format.js';
import { expectAccessibleAtBothWidths, hasBrowser, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const today = businessDate();

/**
 * Issue 12, point 5, when the money comes back: the place was paid, then its bank sent the
 * transfer back (account closed). The finance officer imports the bank's statement in the web
 * app and reads the line as a transfer returned, due again; the run shows the transfer
 * « Retourné par la banque ». The place reads, on its statements page, that the transfer came
 * back and why, and that a new one will follow. (The money side: returned.test.ts.)
 */
describe.runIf(hasBrowser)('a transfer the bank sent back', () => {
  it('is read as such by the funder and by the place', async () => {
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

    // Paid in full: the run is prepared, approved by a second admin, sent, and booked.
    const { run } = await sentRun(c, second);
    const transfer = run.transfers.find((x: { placeId: string }) => x.placeId === place);
    const paid = await importBankFile(
      t,
      c,
      c.funder,
      camt053(today, [[transfer.endToEndId, transfer.amountCents]]),
    );
    expect(paid.json().counts.matched).toBe(1);

    // The bank's next statement gives it back: the finance officer imports it in the web app.
    const funder = await j.newPage();
    await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
    await funder.waitForURL(/\/financeur$/);
    await funder.goto(`${j.baseUrl}/financeur/paiements`);
    await funder.getByLabel('camt.053 (XML ISO 20022)').check();
    await funder.getByLabel('Relevé bancaire').setInputFiles({
      name: 'releve-retour.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(camt053(today, [[transfer.endToEndId, transfer.amountCents, 'AC04']])),
    });
    await funder.getByRole('button', { name: 'Importer le relevé' }).click();
    const line = funder
      .getByRole('row')
      .filter({ hasText: transfer.endToEndId })
      .filter({ hasText: 'retourné' });
    await poll(() => line.first().textContent()).toContain(
      'Virement retourné par la banque, de nouveau dû : Médiathèque Louis Aragon (compte clôturé)',
    );
    await poll(() => funder.getByText('1 virement retourné,', { exact: false }).count()).toBe(1);
    await poll(() => funder.getByText(`Retourné par la banque le ${formatDate(today)}`).count()).toBe(1);
    // Not sent again where it came back from: held until the place records its account anew.
    await poll(() =>
      funder.getByText(/en attente d’un compte bancaire enregistré de nouveau par le lieu/).textContent(),
    ).toContain(`Médiathèque Louis Aragon, ${formatCents(transfer.amountCents)}`);
    await expectAccessibleAtBothWidths(funder, 'payments, a transfer returned');

    // The place reads it on its statements page: in payment again, and why.
    const page = await j.newPage();
    await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
    await page.waitForURL(/\/lieu$/);
    await page.getByRole('link', { name: 'Relevés', exact: true }).click();
    await page.waitForURL(/\/lieu\/releves$/);
    const row = page
      .getByRole('table', { name: 'Relevés du lieu' })
      .getByRole('row')
      .filter({ hasText: transfer.statementNumbers[0] });
    await poll(() => row.textContent()).toContain(
      `Virement retourné par la banque le ${formatDate(today)} (compte clôturé) : il sera versé de nouveau une fois le compte bancaire du lieu enregistré de nouveau`,
    );
    await poll(() => row.getByText('En paiement').count()).toBe(1);
    await expectAccessibleAtBothWidths(page, 'place statements, transfer returned');

    // The e-mail's link: the place's bank account, where it reads what to do, and does it.
    await page.goto(`${j.baseUrl}/lieu/qualification`);
    const notice = page.getByText(/La banque a retourné le virement qui payait le relevé/);
    await poll(() => notice.textContent()).toContain(`n° ${transfer.statementNumbers[0]}`);
    await poll(() => notice.textContent()).toContain('compte clôturé');
    await expectAccessibleAtBothWidths(page, 'place bank account, transfer returned');
    await page.getByLabel('IBAN').fill('FR76 3000 4000 0312 3456 7890 143');
    await page.getByLabel('BIC').fill('BNPAFRPP');
    await page.getByLabel('Titulaire du compte').fill('Médiathèque Louis Aragon');
    await page.getByLabel('Mot de passe').fill('demo-pass-numerique');
    await page.getByRole('button', { name: 'Changer de compte bancaire' }).click();
    await poll(() => page.getByText(/Compte bancaire enregistré/).count()).toBe(1);
    await poll(() => notice.count()).toBe(0);

    // Sent again whole in the next run: the funder's page says so, as the place's bank statement.
    await sentRun(c, second, { accountsChecked: true });
    await funder.reload();
    await poll(() =>
      funder.getByText(`Nouvel envoi du virement retourné ${transfer.endToEndId}`, { exact: false }).count(),
    ).toBe(1);
  }, 240_000);
});
