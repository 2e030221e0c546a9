import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPassCode } from '../src/core/pass-code.js';
import * as passes from '../src/modules/passes/service.js';
import { demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';
import { confirmRedemption } from './steps.js';

// What a tester found with a USB barcode scanner at a busy desk: a scanner is a keyboard that
// types a QR code's link in a few milliseconds, then Entrée (sometimes Tab). The first scan of
// the day and the scan after each redemption typed into nothing; a scan into a field that held
// the previous code read the previous pass; a scanner's Tab took the next scan into the date.
let j: Journey;
/** One pass of each of four booklets, formatted. */
let codes: string[];
beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  const { serials } = await handedOutBooklets(j.t, await demoCampaign(j.t), 4);
  codes = await Promise.all(
    serials.map(async (s) => formatPassCode((await passes.bookletCodes(j.t.database.db, s))[0]!)),
  );
});
afterAll(() => j?.close());

/** The id of the element that has the keyboard, '' for the page itself. */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** A scanner reading a pass's QR code: its link typed key after key, then Entrée (or Tab). */
async function scan(page: Page, code: string, then: 'Enter' | 'Tab' = 'Enter') {
  await page.keyboard.type(`${j.baseUrl}/p/${code}`);
  await page.keyboard.press(then);
}

/** A volunteer signed in at the Médiathèque's desk, on a laptop's screen. */
async function atTheDesk(): Promise<Page> {
  const page = await j.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
  await page.waitForURL(/\/lieu$/);
  return page;
}

describe.runIf(hasBrowser)('the desk with a barcode scanner', () => {
  it(
    'takes each scan in the code field, from the desk’s opening to the next pass after a redemption, and never reads the previous pass',
    async () => {
      const [first, second, third] = codes as [string, string, string];
      const page = await atTheDesk();
      const field = page.getByLabel('Code du pass');
      const result = page.getByTestId('pass-check-result');

      // The desk opens with the keyboard in the code field, reached from the sign-in or reloaded.
      await expect.poll(() => focusedId(page)).toBe('champ-code');
      await page.reload();
      await expect.poll(() => focusedId(page)).toBe('champ-code');

      // The first scan: checked, the keyboard still in the field for the next one.
      await scan(page, first);
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      expect(await result.textContent()).toContain(`Code ${first}`);
      expect(await focusedId(page)).toBe('champ-code');

      // Another participant's pass scanned instead, the caret put at the start of the field by a
      // click: the new pass is read, not the one the field held.
      const box = (await field.boundingBox())!;
      await field.click({ position: { x: 3, y: box.height / 2 } });
      await scan(page, second);
      await expect.poll(() => result.textContent()).toContain(`Code ${second}`);
      expect(await result.getAttribute('data-status')).toBe('redeemable');
      expect(await result.textContent()).not.toContain(first);

      // Confirmed: the confirmation stays in sight, in the live region a screen reader reads,
      // and the keyboard is back in the emptied field.
      await confirmRedemption(page);
      expect(await result.getAttribute('role')).toBe('status');
      expect(await result.textContent()).toContain(`Pass ${second}`);
      // Its deadline said in Paris time, as the list below says its times.
      expect(await result.textContent()).toMatch(
        /vous pouvez l’annuler jusqu’au \d\d\/\d\d\/\d{4} à [^(]+ \(heure de Paris\) dans la liste/,
      );
      await expect.poll(() => focusedId(page)).toBe('champ-code');
      expect(await field.inputValue()).toBe('');

      // The next scan, with no click: the next pass, not « déjà encaissé » about the last one.
      await scan(page, third);
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      expect(await result.textContent()).toContain(`Code ${third}`);
      await expectAccessible(page, 'desk after a scan following a redemption');
    },
    JOURNEY_MS,
  );

  it(
    'keeps the keyboard in the code field after a scanner’s Tab: the next scan is no date',
    async () => {
      const page = await atTheDesk();
      const date = page.getByLabel('Date de la séance');
      const result = page.getByTestId('pass-check-result');
      await expect.poll(() => focusedId(page)).toBe('champ-code');
      const today = await date.inputValue();
      await scan(page, codes[0]!, 'Tab');
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      expect(await focusedId(page)).toBe('champ-code');
      // The next participant's pass (the first journey's third, checked but not redeemed): read as a pass, the day of the session untouched.
      await scan(page, codes[2]!, 'Tab');
      await expect.poll(() => result.textContent()).toContain(`Code ${codes[2]}`);
      expect(await result.getAttribute('data-status')).toBe('redeemable');
      expect(await date.inputValue()).toBe(today);
      expect(await page.getByText(/Séance d’un jour passé/).count()).toBe(0);
      // A person's Tab, a moment later, still goes on to the date.
      await page.waitForTimeout(500);
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('champ-sessionOn');
    },
    JOURNEY_MS,
  );

  it(
    'goes from the field to « Confirmer l’encaissement » in few keys, Entrée asking nothing again',
    async () => {
      const page = await atTheDesk();
      const field = page.getByLabel('Code du pass');
      const result = page.getByTestId('pass-check-result');
      await field.fill(codes[3]!);
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      let checks = 0;
      page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/v1/passes/')) checks++;
      });
      // Entrée in the field once the answer is there: taken to it, not asked again.
      await field.press('Enter');
      await expect.poll(() => result.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      expect(checks).toBe(0);
      // Then Tab through the session's theme, duration and format to « Confirmer ».
      const stops: string[] = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
        stops.push(await page.evaluate(() => document.activeElement?.textContent?.trim() || ''));
      }
      expect(stops.at(-1)).toBe('Confirmer l’encaissement');
    },
    JOURNEY_MS,
  );

  it(
    'keeps a workshop’s session for the next participant’s QR code opened in a new tab',
    async () => {
      const page = await atTheDesk();
      // The first participant: a collective workshop of two hours.
      await page.goto(`${j.baseUrl}/p/${codes[0]}`);
      await page.waitForURL(/\/lieu\?code=/);
      const result = page.getByTestId('pass-check-result');
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      await page.getByLabel('Durée de la séance, en minutes').fill('120');
      await page.locator('label', { hasText: /^Collective$/ }).click();
      await confirmRedemption(page);

      // The tablet's camera opens the next participant's QR code in a new tab.
      const next = await page.context().newPage();
      await next.goto(`${j.baseUrl}/p/${codes[2]}`);
      await next.waitForURL(/\/lieu\?code=/);
      await expect
        .poll(() => next.getByTestId('pass-check-result').getAttribute('data-status'))
        .toBe('redeemable');
      expect(await next.getByLabel('Thème de la séance').inputValue()).toBe(
        'Aide aux démarches administratives',
      );
      expect(await next.getByLabel('Durée de la séance, en minutes').inputValue()).toBe('120');
      expect(await next.getByLabel('Collective', { exact: true }).isChecked()).toBe(true);
    },
    JOURNEY_MS,
  );
});
