import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { STANDARD_SERVICES } from '../src/core/session.js';
import { dayAfterMonth } from '../src/core/statement.js';
import { DEMO_PASSWORD } from '../src/demo/seed.js';
import * as redemptions from '../src/modules/redemptions/service.js';
import * as statements from '../src/modules/statements/service.js';
import { TEST_PASSWORD } from '../src/test/accounts.js';
import { handedOutBooklets } from '../src/test/circulation.js';
import { giveBankAccounts, paymentsScene } from '../src/test/payments.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

// The approver of a payment run in which a place's bank account was replaced the day before:
// the run says so, and is approved only once the approver ticks that it was checked.
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a run paying an account just replaced', () => {
  it(
    'names it to the approver, who approves once the account is checked',
    async () => {
      const { c, mediatheque, placeAdmin } = await paymentsScene(j.t, 'approbation@hautsdefrance.test');
      const { codes } = await handedOutBooklets(j.t, c, 1);
      await giveBankAccounts(c, placeAdmin, mediatheque);
      await redemptions.redeem(
        j.t.database.db,
        { placeId: mediatheque, userId: null, keyId: null, label: 'test' },
        {
          code: codes[0]!,
          nonce: randomUUID(),
          theme: STANDARD_SERVICES[0],
          durationMinutes: 60,
          format: 'individual',
        },
        24,
      );
      const month = businessDate().slice(0, 7);
      await statements.run(j.t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
      // The place's account replaced today, then the run prepared.
      const changed = await placeAdmin.request(
        'POST',
        `/api/v1/places/${mediatheque}/applications/bank-accounts`,
        {
          iban: 'FR76 3000 1007 9412 3456 7890 185',
          bic: 'CRLYFRPP',
          holder: 'M. Thomas Petit',
          currentPassword: DEMO_PASSWORD,
        },
      );
      expect(changed.statusCode, changed.body).toBe(201);
      const prepared = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/payment-runs`, {});
      expect(prepared.statusCode, prepared.body).toBe(201);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'approbation@hautsdefrance.test', TEST_PASSWORD);
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/paiements`);
      const warning = page.getByText('Comptes bancaires à vérifier avant d’approuver');
      await warning.waitFor();
      expect(
        await page
          .getByText(/Médiathèque Louis Aragon : compte enregistré le .*, à la place d’un précédent/)
          .count(),
      ).toBe(1);
      await expectAccessible(page, 'payments, a run with an account to check');

      // Not ticked: the server refuses, and says why.
      const approve = page.getByRole('button', { name: 'Approuver le lot' }).first();
      const yes = page.getByRole('button', { name: 'Oui, approuver le lot' });
      await approve.click();
      await yes.click();
      await expect
        .poll(() => page.getByText(/vérifiez ces comptes auprès des lieux/).count())
        .toBeGreaterThan(0);
      const status = async () =>
        (await j.t.database.pool.query('SELECT status FROM payment_runs WHERE id = $1', [prepared.json().id]))
          .rows[0].status;
      expect(await status()).toBe('prepared');

      await page.locator('label', { hasText: 'J’ai vérifié ces comptes auprès des lieux' }).click();
      await approve.click();
      await yes.click();
      // (The demo's run approved earlier shows its download button already: the run's own state is read.)
      await expect.poll(status, { timeout: 20_000 }).toBe('approved');
    },
    JOURNEY_MS,
  );
});
