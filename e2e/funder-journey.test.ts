import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a funder admin follows and amends a programme', () => {
  it('logs in, reads the programme as of two dates, adds an amendment and sees it in the timeline', async () => {
    const page = await j.newPage();
    await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
    await page.waitForURL(/\/financeur$/);
    await expectAccessible(page, 'programme list');

    await page.getByRole('link', { name: 'Pass numériques Hauts-de-France', exact: true }).click();
    const planned = page.getByTestId('planned-passes');
    await expect.poll(() => planned.textContent()).toMatch(/66\s100/);
    await expectAccessible(page, 'programme page');

    await page.getByLabel('Voir le dispositif au').fill('2020-03-01');
    await expect.poll(() => planned.textContent()).toMatch(/68\s750/);

    await page.getByRole('link', { name: 'Ajouter une délibération modificative' }).click();
    await expectAccessible(page, 'amendment form');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // Inline validation names the missing fields before anything is sent.
    await expect.poll(() => page.locator('.fr-error-text').count()).toBeGreaterThan(0);

    await page.getByLabel(/Date d.effet/).fill('2025-03-01');
    await page.getByLabel(/Instance/).fill('Commission permanente du conseil régional');
    await page.getByLabel(/Numéro de (la )?délibération/).fill('2025.00042');
    await page.getByLabel(/Date de (la )?décision|Décidée le/).fill('2025-03-01');
    await page.getByLabel(/Nombre de passes prévus|Passes prévues/).fill('67000');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]+$/);
    const timeline = page.getByRole('list', { name: 'Historique des délibérations' });
    await expect.poll(() => timeline.textContent()).toContain('2025.00042');
    await expect.poll(() => planned.textContent()).toMatch(/67\s000/);
    await expectAccessible(page, 'programme page after amendment');
  });
});
