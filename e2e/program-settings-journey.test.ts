import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
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
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * Issue 12, points 6 and 8, in the funder console: a funder admin sets, by a deliberation, a
 * co-funder's share of the passes used (typed as a percentage, never in basis points) and the
 * tolerance for late sessions; the co-funders' shares and the closure sections show them. The
 * programme page names its publics by their labels only, never by an internal code.
 */
/** The demo campaign's page, signed in as its funder's admin. */
async function campaignPage() {
  const page = await j.newPage();
  await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
  await page.waitForURL(/\/financeur$/);
  await page
    .getByRole('link', { name: 'Pass numériques Hauts-de-France — campagne 2026 (démonstration)' })
    .click();
  await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]+$/);
  return page;
}

/** From the programme's page, the amendment form with its deliberation's references filled in, in force today. */
async function amendmentForm(page: Page, number: string) {
  await page.getByRole('link', { name: 'Ajouter une délibération modificative' }).click();
  const today = businessDate();
  await page.getByLabel(/Date d.effet/).fill(today);
  await page.getByLabel(/Instance/).fill('Commission permanente du conseil régional');
  await page.getByLabel(/Numéro de (la )?délibération/).fill(number);
  await page.getByLabel(/Date de (la )?décision/).fill(today);
}

describe.runIf(hasBrowser)('the programme’s settings in the funder console', () => {
  it(
    'sets a co-funder’s share of the passes used and the late-session tolerance through an amendment',
    async () => {
      const page = await campaignPage();
      await expect.poll(() => page.getByRole('heading', { name: 'Publics visés' }).count()).toBe(1);
      // Labels only: no internal code such as senior_60_plus beside them.
      expect(await page.locator('main').textContent()).not.toMatch(/\(code |[a-z]+_[a-z0-9_]+/);
      await expect.poll(() => page.getByText(/\(31 jours de tolérance\)/).count()).toBe(1);

      await amendmentForm(page, 'CP-2026-PARTS');
      await page.getByLabel('Délai pour enregistrer une séance tardive, en jours').fill('45');
      // The co-funders in force, filled in: the State's convention changes.
      expect(
        await page.getByRole('textbox', { name: 'Nom du cofinanceur 1', exact: true }).inputValue(),
      ).toBe('État (ANCT)');
      const share = page.getByLabel('Part de la valeur des pass utilisés payée par le cofinanceur 1, en %');
      // Basis points typed by mistake: refused in French, at the field.
      await share.fill('5000');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect.poll(() => share.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => page.locator('.fr-error-text').allTextContents())
        .toContainEqual(expect.stringContaining('Un pourcentage ne peut pas dépasser 100 %'));
      await expectAccessibleAtBothWidths(page, 'amendment form with a share refused');

      await share.fill('50 %');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]+$/);
      await expect.poll(() => page.getByText(/\(45 jours de tolérance\)/).count()).toBe(1);
      const shares = page.getByRole('table', { name: /Dû, versé et solde par cofinanceur/ });
      await expect
        .poll(() => shares.getByRole('row').filter({ hasText: 'État (ANCT)' }).textContent())
        .toMatch(/50\s%\sdes pass utilisés/);
      await expectAccessibleAtBothWidths(page, 'programme page with the co-funder’s share');
    },
    JOURNEY_MS,
  );

  it(
    'adds through an amendment a public the standard list lacks, with its ages',
    async () => {
      const page = await campaignPage();
      await amendmentForm(page, 'CP-2026-QPV');
      await page.getByRole('button', { name: 'Ajouter un autre public' }).click();
      // The new row's first field takes the focus, for keyboard users.
      const label = page.getByLabel('Intitulé de l’autre public 1');
      await expect.poll(() => label.evaluate((el) => el === document.activeElement)).toBe(true);
      await label.fill('Habitants des quartiers prioritaires');
      await page.getByLabel('Âge minimum de l’autre public 1, en années').fill('30');
      await page.getByLabel('Âge maximum de l’autre public 1, en années').fill('16');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect
        .poll(() => page.locator('.fr-error-text').allTextContents())
        .toContainEqual(expect.stringContaining('L’âge maximum ne peut pas être inférieur à l’âge minimum.'));
      await page.getByLabel('Âge minimum de l’autre public 1, en années').fill('16');
      await page.getByLabel('Âge maximum de l’autre public 1, en années').fill('30');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]+$/);
      const publics = page.locator('h3:text-is("Publics visés") + ul');
      await expect
        .poll(() => publics.getByRole('listitem').allTextContents())
        .toContain('Habitants des quartiers prioritaires — 16 à 30 ans');
      // The publics the programme had are kept beside the new one.
      expect((await publics.getByRole('listitem').allTextContents()).length).toBeGreaterThan(1);
    },
    JOURNEY_MS,
  );
});
