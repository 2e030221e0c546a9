import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { demoCampaign, programDecidedAhead } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * A programme decided ahead, for next year. As of today nothing of it is in force: its list
 * row, its page and its forms said « Dispositif », and its amendment form opened with no
 * co-funder, so that adding one replaced the co-funders decided at its creation.
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const today = businessDate();
const NAME = 'Pass numériques — campagne de l’an prochain';

describe.runIf(hasBrowser)('a programme decided for next year', () => {
  it(
    'is named everywhere, and its amendment starts from the budget decided for its start',
    async () => {
      const c = await demoCampaign(j.t);
      const { programId } = await programDecidedAhead(c, NAME, 'AN-PROCHAIN');

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME }) });
      await expect.poll(() => row.textContent()).toMatch(/Pas encore en vigueur : à partir du 01\/01\/\d{4}/);
      expect(await page.getByText('Dispositif à venir').count()).toBe(0);

      await page.goto(`${j.baseUrl}/financeur/programmes/${programId}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(NAME);

      await page.goto(`${j.baseUrl}/financeur/programmes/${programId}/avenant`);
      await expect.poll(() => page.locator('.fr-text--lead').first().textContent()).toBe(NAME);
      // The State's share decided at the creation is there, to be kept or changed.
      const cofunder = page.locator('input[name="changes.budget.cofunders.0.name"]');
      await expect.poll(() => cofunder.inputValue()).toBe('État (ANCT)');
      await expectAccessible(page, 'amendment of a programme not started');

      // A day that does not exist, typed: said so at the field, not « Renseignez le champ ».
      // (This Chromium reads dates month first, as en-US: 02/31.)
      const decided = page.locator('input[name="legal.decidedOn"]');
      await decided.click();
      await page.keyboard.type('02312026');
      // Leaves the field (Tab moves between the date's own parts).
      await page.getByRole('heading', { level: 1 }).click();
      await expect
        .poll(() => page.locator('.fr-error-text').allTextContents())
        .toContainEqual(expect.stringContaining('Cette date n’existe pas ou est incomplète'));
      expect(await decided.getAttribute('aria-invalid')).toBe('true');
      await decided.fill(today);
      await expect.poll(() => page.locator('.fr-error-text').count()).toBe(0);

      // Typed and not sent: leaving asks first (twenty fields were lost without a word).
      const questions: string[] = [];
      page.once('dialog', (d) => {
        questions.push(d.message());
        void d.dismiss();
      });
      await page.getByRole('link', { name: NAME }).first().click();
      await expect.poll(() => questions.length).toBe(1);
      expect(questions[0]).toContain('Ce que vous avez saisi n’est pas enregistré');
      expect(new URL(page.url()).pathname).toMatch(/\/avenant$/);
      expect(await decided.inputValue()).toBe(today);
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('link', { name: NAME }).first().click();
      await page.waitForURL(new RegExp(`/financeur/programmes/${programId}$`));
    },
    JOURNEY_MS,
  );
});
