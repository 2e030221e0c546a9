import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * WCAG 1.3.2, 2.4.3: the error summary listed the fields in the order of the form's labels
 * or of its checks, not of the page: the registration's SIRET came 6th though 2nd on the
 * form, a new programme's « Date d’effet » 1st though 4th.
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/** The summary's links, by the field each leads to and its words. */
async function summaryOf(page: Page) {
  const links = page.getByRole('alert').locator('li a');
  await expect.poll(() => links.count()).toBeGreaterThan(1);
  return links.evaluateAll((as) =>
    as.map((a) => ({ id: (a.getAttribute('href') ?? '').slice(1), text: a.textContent ?? '' })),
  );
}

/** The same ids, in the order their fields come on the page. */
const inPageOrder = (page: Page, ids: string[]) =>
  page.evaluate(
    (list) =>
      list
        .map((id) => document.getElementById(id) as Element)
        .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
        .map((e) => e.id),
    ids,
  );

describe.runIf(hasBrowser)('the error summary', () => {
  it(
    'lists a place’s registration errors in the order of the form',
    async () => {
      const page = await j.newPage();
      await page.goto(`${j.baseUrl}/lieux/inscription`);
      await page.getByRole('button', { name: 'Inscrire le lieu' }).click();
      const items = await summaryOf(page);
      const ids = items.map((i) => i.id);
      expect(ids).toEqual(await inPageOrder(page, ids));
      expect(items[1]?.text).toMatch(/^SIRET :/);
    },
    JOURNEY_MS,
  );

  it(
    'lists a new programme’s errors in the order of the form',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/nouveau`);
      await page.getByRole('button', { name: 'Créer le dispositif' }).click();
      const items = await summaryOf(page);
      const ids = items.map((i) => i.id);
      expect(ids).toEqual(await inPageOrder(page, ids));
      const at = (label: string) => items.findIndex((i) => i.text.startsWith(`${label} :`));
      expect(at('Date d’effet')).toBeGreaterThan(at('Date de la décision'));
      expect(at('Publics visés')).toBeGreaterThanOrEqual(0);
      expect(at('Publics visés')).toBeLessThan(at('Début de la distribution'));
    },
    JOURNEY_MS,
  );
});
