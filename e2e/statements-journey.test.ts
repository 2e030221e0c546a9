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
});
