import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPlaces } from '../src/modules/place-standard/fixtures/generate.js';
import { recordsOf } from '../src/modules/place-standard/read.js';
import * as placeStandard from '../src/modules/place-standard/service.js';
import { demoCampaign } from '../src/test/circulation.js';
import {
  expectAccessibleAtBothWidths,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  const c = await demoCampaign(j.t);
  const imported = await placeStandard.importPlaces(j.t.database.db, null, c.funderId, {
    records: recordsOf(Readable.from([Buffer.from(generatedPlaces(250))]), 'csv'),
    dryRun: false,
    defaultSource: 'test',
  });
  expect(imported.counts.created).toBe(250);
});
afterAll(() => j?.close());

/**
 * A funder with many places (a national operator's funders hold thousands): its list of places
 * opens with the first hundred and a search, and the form to add a place is reached from the
 * top of the page, not under thousands of rows.
 */
describe.runIf(hasBrowser)('a funder’s list of many places', () => {
  it(
    'shows a hundred places at a time, finds one by name or commune, and links to the form to add one',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/lieux`);
      const table = page.getByRole('table');
      await expect
        .poll(() => table.locator('caption').textContent())
        .toMatch(/^2\d\d lieux, les 100 premiers affichés$/);
      const total = Number((await table.locator('caption').textContent())!.slice(0, 3));
      expect(await table.locator('tbody tr').count()).toBe(100);

      await page.getByRole('button', { name: /^Afficher 100 lieux de plus/ }).click();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(200);
      await page
        .getByRole('button', { name: `Afficher ${total - 200} lieux de plus (${total - 200} non affichés)` })
        .click();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(total);
      await expect.poll(() => table.locator('caption').textContent()).toBe(`${total} lieux`);
      expect(await page.getByRole('button', { name: /de plus/ }).count()).toBe(0);

      await page.getByLabel('Rechercher un lieu').fill('médiation numérique n° 137');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      expect(await table.locator('tbody tr').textContent()).toContain('Lieu de médiation numérique n° 137');
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'sur' }).textContent())
        .toBe(`1 lieu sur ${total}`);
      await expectAccessibleAtBothWidths(page, 'funder’s places, searched');

      await page.getByRole('link', { name: 'Ajouter un lieu' }).click();
      await expect.poll(() => page.getByLabel('Nom du lieu').isVisible()).toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    },
    JOURNEY_MS,
  );
});
