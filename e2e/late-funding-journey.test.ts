import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * A co-funder's last instalment comes after the programme closed: the funding form says that
 * it activates no pass and where unused money goes, where it promised to activate passes.
 */
describe.runIf(hasBrowser)('a funding recorded after the end of a programme', () => {
  it(
    'says on a closed programme that the money activates no pass and how what is unused is returned',
    async () => {
      const { rows } = await j.t.database.pool.query(
        `SELECT p.id FROM programs p JOIN funders f ON f.id = p.funder_id WHERE f.name = 'PETR du Pays de Verdun'`,
      );
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@paysdeverdun.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${rows[0].id}/versement`);
      await expect
        .poll(() => page.getByText(/un versement enregistré maintenant n’active aucun pass/).count())
        .toBe(1);
      expect(await page.locator('main').textContent()).toMatch(
        /le dispositif est au statut « Clôturé » .* rendu aux payeurs au bilan de clôture, au prorata de ce que chacun a versé/,
      );
      await expectAccessible(page, 'funding form of a closed programme');
    },
    JOURNEY_MS,
  );
});
