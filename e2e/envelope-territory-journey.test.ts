import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCampaign } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * An envelope's territory is chosen within the funder's: « Brest » offered a Region of the
 * north communes of the Eure and the Haute-Saône, refused only once the form was sent.
 */
describe.runIf(hasBrowser)('the territory of a new envelope', () => {
  it(
    'offers only the communes, EPCIs and départements within the funder’s territory',
    async () => {
      const c = await demoCampaign(j.t);
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/enveloppe`);
      const box = page.getByRole('combobox', { name: /Territoire/ });
      await box.fill('Amiens');
      const options = page.getByRole('option');
      await expect.poll(() => options.count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect((await options.allTextContents()).some((o) => o.startsWith('Amiens (80'))).toBe(true);
      await box.fill('Brest');
      await expect
        .poll(() => page.getByText('Aucun territoire ne correspond', { exact: false }).count())
        .toBe(1);
      expect(await options.count()).toBe(0);
      await box.fill('Somme');
      await expect
        .poll(async () => (await options.allTextContents()).some((o) => /^Somme \(80\)/.test(o)), {
          timeout: 10_000,
        })
        .toBe(true);
      await expectAccessible(page, 'envelope form, territories of the funder only');
    },
    JOURNEY_MS,
  );
});
