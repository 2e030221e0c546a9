import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { newAccount } from '../src/test/accounts.js';
import { signIn } from '../src/test/app.js';
import { demoCampaign } from '../src/test/circulation.js';
import { camt053, importBankFile, placeClaim, sentRun, statedRedemptions } from '../src/test/payments.js';
import { expectAccessibleAtBothWidths, hasBrowser, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const today = businessDate();

/**
 * The bank debited 35 € for a 20 € transfer. The line was left unmatched, and could only be set
 * aside: the transfer stayed « envoyé » and its statement in payment for good. The finance
 * officer may now record the transfer paid for its own amount, what the place was asked; the
 * bank's excess pays the place nothing.
 */
describe.runIf(hasBrowser)('a bank debit above its transfer', () => {
  it('records the transfer paid for its own amount once the finance officer confirms', async () => {
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
    const before = await placeClaim(t, c.programId, place);
    const imported = await importBankFile(
      t,
      c,
      c.funder,
      camt053(today, [[transfer.endToEndId, transfer.amountCents + 1500]]),
      'camt053',
      'releve-excedent.xml',
    );
    expect(imported.json().lines[0]).toMatchObject({ outcome: 'unmatched', reason: 'amount_above_transfer' });

    const page = await j.newPage();
    await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
    await page.waitForURL(/\/financeur$/);
    await page.goto(`${j.baseUrl}/financeur/paiements`);
    await page.getByRole('button', { name: 'Voir le rapport de releve-excedent.xml' }).click();
    const row = page
      .getByRole('table', { name: 'Lignes du relevé releve-excedent.xml' })
      .getByRole('row')
      .nth(1);
    await poll(() => row.textContent()).toContain('débit supérieur au virement');
    expect(await row.textContent()).toContain('Médiathèque Louis Aragon');
    await row.getByRole('button', { name: 'Enregistrer payé 20,00 € (ligne 1)' }).click();
    await poll(() => row.textContent()).toContain(
      'Les 15,00 € débités en plus sont à réclamer à la banque : ils ne paient pas le lieu.',
    );
    await expectAccessibleAtBothWidths(page, 'bank report, a debit above its transfer');
    await row.getByRole('button', { name: 'Oui, payé 20,00 €' }).click();
    await poll(() => row.textContent()).toContain('Virement enregistré payé de son montant');
    await poll(() => page.getByText('Aucune décision en attente.').count()).toBe(1);
    expect(await placeClaim(t, c.programId, place)).toEqual({
      owed: before.owed - transfer.amountCents,
      paid: before.paid + transfer.amountCents,
    });
  }, 180_000);
});
