import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Circulation, demoCampaign } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

// At the front desk, the commune box offers only the communes where the booklet typed may be
// handed out: its funder's territory, and its envelope's. It used to offer all of France, and
// the server refused the hand-out afterwards (« Saint-Quentin (Aisne) n'est pas dans le
// territoire de l'enveloppe « Somme » »).
let j: Journey;
let c: Circulation;
let inSomme: string;
let outsideEnvelopes: string;

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
  const missionLocale = c.organisations['Mission locale du Grand Amiénois'];
  const inStock = async (inEnvelope: boolean) =>
    (
      await j.t.database.pool.query(
        `SELECT serial FROM booklets WHERE program_id = $1 AND status = 'stock'
            AND (envelope_id IS NOT NULL) = $2 ORDER BY serial LIMIT 1`,
        [c.programId, inEnvelope],
      )
    ).rows[0].serial as string;
  [inSomme, outsideEnvelopes] = [await inStock(true), await inStock(false)];
  for (const serial of [inSomme, outsideEnvelopes]) {
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: missionLocale,
      firstSerial: serial,
      lastSerial: serial,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => j?.close());

/** The communes the box suggests for what is typed, once the search has answered. */
async function suggested(page: Page, typed: string) {
  const box = page.getByRole('combobox', { name: 'Commune de résidence' });
  await box.fill(typed);
  const list = await box.getAttribute('aria-controls');
  const options = page.locator(`[id="${list}"]`).getByRole('option');
  await expect.poll(() => options.count(), { timeout: 20_000 }).toBeGreaterThan(0);
  return options.allTextContents();
}

describe.runIf(hasBrowser)('the commune of a beneficiary at the desk', () => {
  it(
    'offers the communes of the booklet’s territory only, its envelope’s included',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await logIn(page, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await page.waitForURL(/\/prescripteur$/);
      const serial = page.getByRole('textbox', { name: 'Numéro du carnet', exact: true });

      // A booklet of the envelope « Somme »: the Saint-Quentin of the Aisne is not offered.
      await serial.fill(inSomme);
      // A scanner ends the serial with Enter: the desk moves on to the first name, and sends
      // nothing (a half-filled form used to greet the agent with five errors).
      await serial.press('Enter');
      const firstName = page.getByRole('textbox', { name: 'Prénom', exact: true });
      await expect.poll(() => firstName.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.locator('.fr-error-text').count()).toBe(0);
      const somme = await suggested(page, 'Saint-Quentin');
      expect(somme.length).toBeGreaterThan(0);
      for (const label of somme) expect(label).toMatch(/\(80\d{3}\) — commune$/);
      await expectAccessible(page, 'desk, communes of the Somme');
      // Leaving the box and coming straight back keeps the suggestions: the close delayed after
      // a blur (so that a click in the list lands) used to shut them once back in the box.
      const box = page.getByRole('combobox', { name: 'Commune de résidence' });
      await serial.focus();
      await box.focus();
      // Waited for in the page: a timer there runs after the box's own close timer (150 ms),
      // scheduled before it, however slow the machine; a wait from here could end first.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 400)));
      expect(await box.getAttribute('aria-expanded')).toBe('true');

      // A booklet outside any envelope: the whole region, the Aisne's Saint-Quentin first.
      await serial.fill(outsideEnvelopes);
      // The box may still show the Somme's answer for the same letters a moment, until the
      // search for this booklet answers: what the agent reads once it has.
      await expect
        .poll(async () => (await suggested(page, 'Saint-Quentin'))[0], { timeout: 20_000 })
        .toBe('Saint-Quentin (02100) — commune');
      // Strasbourg is not in the Hauts-de-France: nothing to choose, and the box says why.
      await page.getByRole('combobox', { name: 'Commune de résidence' }).fill('Strasbourg');
      await expect
        .poll(() => page.getByText('Aucune commune du territoire de ce carnet ne correspond').count(), {
          timeout: 20_000,
        })
        .toBe(1);
    },
    JOURNEY_MS,
  );
});
