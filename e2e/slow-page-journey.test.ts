import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPassCode } from '../src/core/pass-code.js';
import { demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import { hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * On a slow connection, a page waiting for the session (a beneficiary's QR code) went white once
 * the scripts had started, until the server answered; a menu link left the previous page on
 * screen with nothing said. Both now show « Chargement… » as a status, below the header.
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const HOLD_MS = 4_000;

describe.runIf(hasBrowser)('a page slow to come', () => {
  it(
    'says it is loading, the header kept, on a first visit and on a change of page',
    async () => {
      const { codes } = await handedOutBooklets(j.t, await demoCampaign(j.t), 1);
      const page = await j.newPage();
      // The session's answer held back, as a slow phone's connection would.
      await page.route('**/api/v1/auth/me', async (route) => {
        await new Promise((r) => setTimeout(r, HOLD_MS));
        await route.continue().catch(() => {});
      });
      await page.goto(`${j.baseUrl}/p/${formatPassCode(codes[0]!)}`, { waitUntil: 'commit' });
      const loading = page.getByRole('status').filter({ hasText: 'Chargement…' });
      // Past the inline placeholder of index.html: the app has started, its header is drawn.
      await page.getByRole('banner').waitFor({ timeout: HOLD_MS });
      expect(await loading.count()).toBe(1);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
        .toMatch(/pass/i);
      expect(await loading.count()).toBe(0);
      await page.unroute('**/api/v1/auth/me');

      // A change of page whose code is slow to come: said at once, not the old page left as is.
      await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      await page.getByLabel('Code du pass').waitFor();
      await page.route('**/assets/**', async (route) => {
        await new Promise((r) => setTimeout(r, HOLD_MS));
        await route.continue().catch(() => {});
      });
      await page.getByRole('link', { name: 'Équipe' }).first().click();
      const main = page.getByRole('main');
      await expect.poll(() => main.innerText(), { timeout: HOLD_MS }).toBe('Chargement…');
      expect(await loading.count()).toBe(1);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
        .toMatch(/Équipe/);
      expect(await loading.count()).toBe(0);
    },
    JOURNEY_MS,
  );

  it(
    'keeps the focus on a form’s button while its request is on its way, says so, and sends it once',
    async () => {
      const page = await j.newPage();
      let logins = 0;
      await page.route('**/api/v1/auth/login', async (route) => {
        logins++;
        await new Promise((r) => setTimeout(r, HOLD_MS));
        await route.continue().catch(() => {});
      });
      await page.goto(`${j.baseUrl}/connexion`);
      await page.getByLabel('Adresse électronique').fill('lieu@hautsdefrance.test');
      await page.getByLabel('Mot de passe').fill('demo-pass-numerique');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      const sending = page.getByRole('button', { name: 'Envoi en cours…' });
      await sending.waitFor({ timeout: HOLD_MS });
      // Greyed and disabled, the button lost the focus to the page and said nothing.
      expect(await sending.evaluate((b) => b === document.activeElement)).toBe(true);
      expect(await sending.getAttribute('aria-disabled')).toBe('true');
      // Playwright waits for an aria-disabled button to be enabled: a person does not.
      await sending.click({ force: true });
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/lieu/, { timeout: 15_000 });
      expect(logins).toBe(1);
    },
    JOURNEY_MS,
  );
});
