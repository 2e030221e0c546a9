import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate, frenchDate } from '../src/core/dates.js';
import { demoCampaign } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * A programme officer looks at the programme at a day to come: the co-funders' shares are
 * today's (what was paid and used is known up to today only), and the page says so instead
 * of « Chargement impossible ».
 */
describe.runIf(hasBrowser)('a programme shown at a future date', () => {
  it(
    'gives today’s co-funders’ shares and closure figures, says why in one line each, and shows no error',
    async () => {
      const c = await demoCampaign(j.t);
      const today = businessDate();
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      const refused: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) refused.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}?asOf=2040-01-01`);

      const heading = page.getByRole('heading', { name: `Parts des cofinanceurs au ${frenchDate(today)}` });
      await expect.poll(() => heading.count(), { timeout: 30_000 }).toBe(1);
      expect(await page.getByText('Situation du dispositif au 1er janvier 2040.').count()).toBe(1);
      const note = `Parts au ${frenchDate(today)}, et non au 1er janvier 2040 : les sommes versées et utilisées ne sont connues qu’à ce jour.`;
      expect(await page.getByText(note, { exact: true }).count()).toBe(1);
      // The end-of-programme figures are today's too, and say so instead of « Sommes au 1er janvier 2040 ».
      expect(await page.getByTestId('closure-as-of').textContent()).toBe(
        `Sommes et nombres de pass au ${frenchDate(today)}, et non au 1er janvier 2040 : ils ne sont connus qu’à ce jour.`,
      );
      expect(await page.getByText('Chargement impossible').count()).toBe(0);
      expect(refused).toEqual([]);
      // The documents are today's too.
      const table = page.getByRole('table', { name: /Dû, versé et solde par cofinanceur/ });
      const links = await table.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) expect(href).not.toContain('asOf');
      await expectAccessible(page, 'programme shown at a future date');
    },
    JOURNEY_MS,
  );
});
