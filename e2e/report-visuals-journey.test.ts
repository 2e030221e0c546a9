import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * A Région's director prepares a presentation for elected officials who would rather look than
 * read: the programme's Bilan shows its sessions as charts, and prints as a report on paper.
 */

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const poll = expect.poll;

/** The Bilan of the demo campaign's second quarter, as its funder's viewer opens it. */
async function secondQuarterBilan(): Promise<Page> {
  const page = await j.newPage();
  await logIn(page, j.baseUrl, 'lecteur@hautsdefrance.test');
  await page.waitForURL(/\/financeur$/);
  await page.getByRole('link', { name: /campagne 2026/ }).click();
  await page.getByRole('link', { name: 'Bilan de la période' }).click();
  await page.waitForURL(/\/financeur\/programmes\/[^/]+\/bilan$/);
  await page.getByLabel('Du', { exact: true }).fill('2026-04-01');
  await page.getByLabel('Au (inclus)', { exact: true }).fill('2026-06-30');
  await page.getByRole('button', { name: 'Afficher le bilan de cette période' }).click();
  await poll(() => page.getByTestId('bilan-periode').textContent()).toBe(
    'Bilan du 1er avril 2026 au 30 juin 2026.',
  );
  return page;
}

/** The sessions a chart's bars say, added up (« 3 séances », « 1 séance »). */
async function barsTotal(page: Page, chart: string): Promise<number> {
  const figure = page.locator('figure', { has: page.getByRole('img', { name: new RegExp(`^${chart} : `) }) });
  const values = await figure.locator('.pn-chart__value').allTextContents();
  for (const v of values) expect(v).toMatch(/^[\d\s\u202f]+ séances?$/);
  return values.reduce((t, v) => t + Number(v.replace(/[^\d]/g, '')), 0);
}

describe.runIf(hasBrowser)('the Bilan for people who would rather look than read', () => {
  it(
    'shows the sessions by theme and by département as bar charts, each read aloud as a sentence',
    async () => {
      const page = await secondQuarterBilan();
      const sessions = Number(await page.getByTestId('bilan-seances').textContent());
      expect(sessions).toBeGreaterThan(0);

      // By theme: the nine services of the national standard, in French, each with its unit.
      const themes = page.getByRole('img', { name: /^Séances par thème : / });
      await poll(() => themes.count()).toBe(1);
      expect(await themes.getAttribute('aria-label')).toMatch(
        /^Séances par thème : .*Aide aux démarches administratives, \d+ séances?.*\.$/,
      );
      expect(await page.getByText('Séances par thème (données détaillées dans le tableau).').count()).toBe(1);
      expect(await barsTotal(page, 'Séances par thème')).toBe(sessions);

      // By the place's département, beside its table.
      const departements = page.getByRole('img', { name: /^Séances par département du lieu : / });
      await poll(() => departements.count()).toBe(1);
      expect(await departements.getAttribute('aria-label')).toMatch(/Somme \(80\), \d+ séances?/);
      expect(await barsTotal(page, 'Séances par département du lieu')).toBe(sessions);
      expect(await page.getByRole('table', { name: 'Séances par département du lieu' }).count()).toBe(1);
      await expectAccessible(page, 'Bilan with its charts');
    },
    JOURNEY_MS,
  );
});
