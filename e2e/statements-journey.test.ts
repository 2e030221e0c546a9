import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * Issue 12, point 2, in short (the lead's journey goes from redemption to payment): the demo
 * place reads its statements and their files; the funder reads its statements and what it
 * owes, and answers the demo's contested statement.
 */
describe.runIf(hasBrowser)('the statements pages', () => {
  it(
    'show the place its statements, and let the funder answer a contest',
    async () => {
      const place = await j.newPage();
      await logIn(place, j.baseUrl, 'lieu@hautsdefrance.test');
      // Signed in once the desk shows: going elsewhere before would race the sign-in.
      await place.waitForURL(/\/lieu$/);
      await place.goto(`${j.baseUrl}/lieu/releves`);
      const placeTable = place.getByRole('table', { name: 'Relevés du lieu' });
      await expect.poll(() => placeTable.getByRole('row').count()).toBeGreaterThan(2);
      await expect.poll(() => placeTable.getByText('Contesté', { exact: true }).count()).toBe(1);
      // The place reads back what it wrote.
      expect(
        await placeTable
          .getByText(/Contesté le .* par Thomas Petit : « Deux ateliers collectifs du 14 manquent/)
          .count(),
      ).toBe(1);
      await expect
        .poll(() => place.getByRole('link', { name: /^PDF du relevé / }).count())
        .toBeGreaterThan(0);
      await expectAccessible(place, 'place statements');

      const funder = await j.newPage();
      await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
      await funder.waitForURL(/\/financeur$/);
      await funder.getByRole('link', { name: 'Relevés' }).click();
      await funder.waitForURL(/\/financeur\/releves$/);
      await expect
        .poll(() => funder.getByRole('table', { name: 'Sommes dues aux lieux, par dispositif' }).count())
        .toBe(1);
      // The funder reads the place's reason before answering it (the statements' own request).
      await expect
        .poll(() => funder.getByText(/: « Deux ateliers collectifs du 14 manquent/).count())
        .toBe(1);
      await expectAccessible(funder, 'funder statements');
      await funder.getByRole('button', { name: /^Répondre à la contestation du relevé / }).click();
      await funder
        .getByLabel('Votre réponse au lieu')
        .fill('Les ateliers du 14 figurent sur le relevé du mois suivant.');
      await funder.getByRole('button', { name: 'Envoyer la réponse' }).click();
      await expect.poll(() => funder.getByText(/Réponse envoyée au lieu pour le relevé/).count()).toBe(1);

      // Once the page is back, the answer shows under the statement, issued again.
      await place.reload();
      await expect
        .poll(() =>
          placeTable
            .getByText(
              /Réponse du financeur le .* : « Les ateliers du 14 figurent sur le relevé du mois suivant. »/,
            )
            .count(),
        )
        .toBe(1);
      expect(await placeTable.getByText('Contesté', { exact: true }).count()).toBe(0);
    },
    JOURNEY_MS,
  );

  it(
    'list the transfers the place received as its bank statement shows them, each linked to the statements it paid',
    async () => {
      const place = await j.newPage();
      await logIn(place, j.baseUrl, 'benevole@hautsdefrance.test');
      await place.waitForURL(/\/lieu$/);
      await place.goto(`${j.baseUrl}/lieu/releves`);
      // The demo paid the Médiathèque's statements in one transfer, sent and reconciled today.
      const transfers = place.getByRole('table', { name: /^Virements envoyés au lieu du / });
      await expect.poll(() => transfers.getByRole('row').count()).toBe(2);
      const row = transfers.getByRole('row').nth(1);
      const text = await row.innerText();
      expect(text).toContain('Région Hauts-de-France');
      expect(text).toMatch(/Payé le \d{1,2}(er)? \S+ \d{4}/);
      expect(text).toContain('se terminant par 0129');
      // The reference and remittance text word for word as the SEPA file gave them to the bank.
      const { rows } = await j.t.database.pool.query(
        `SELECT t.end_to_end_id AS ref, t.remittance FROM payment_transfers t
           JOIN organisations o ON o.id = t.place_id WHERE o.name = 'Médiathèque Louis Aragon'`,
      );
      expect(rows).toHaveLength(1);
      expect(text).toContain(rows[0].ref);
      expect(text).toContain(`« ${rows[0].remittance} »`);
      expect(text).not.toContain('FR7610107001');
      await expectAccessible(place, 'place transfers');

      // A statement it paid leads to that statement's row in the list below.
      const first = row.getByRole('link').first();
      const number = await first.innerText();
      await first.click();
      await expect.poll(() => new URL(place.url()).hash).toBe(`#releve-${number}`);
      expect(await place.locator(`[id="releve-${number}"] th`).innerText()).toBe(number);

      // The CSV of the same period, named after the place.
      const csvLink = place.getByRole('link', { name: 'Télécharger les virements de la période (CSV)' });
      const csv = await place.request.get(new URL((await csvLink.getAttribute('href'))!, j.baseUrl).href);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-disposition']).toMatch(/filename="virements-mediatheque-louis-aragon-/);
      expect(await csv.text()).toContain(rows[0].ref);

      // A period before the transfer lists none.
      await place.getByLabel('Virements envoyés du').fill('2020-01-01');
      await place.locator('input[name="virementsAu"]').fill('2020-12-31');
      await expect
        .poll(() => place.getByText('Aucun virement envoyé du 1er janvier 2020 au 31 décembre 2020.').count())
        .toBe(1);
    },
    JOURNEY_MS,
  );
});
