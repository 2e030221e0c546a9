import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../src/core/dates.js';
import { checkSymbol, formatPassCode, PASS_CODE_ALPHABET } from '../src/core/pass-code.js';
import { demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import { daySummary } from '../web/src/pages/place/redeem/daySessions.js';
import {
  expectAccessible,
  expectTableFits,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';
import { confirmRedemption } from './steps.js';

// The desk as the places' agents have it: a volunteer's phone, an association's old laptop.
// A journey of its own: each sign-in counts against the address's ten a minute.
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/** A well-formed code that no pass has: 13 random symbols and their check symbol. */
function unknownCode(): string {
  const body = Array.from(
    { length: 13 },
    () => PASS_CODE_ALPHABET[Math.floor(Math.random() * PASS_CODE_ALPHABET.length)],
  ).join('');
  return formatPassCode(body + checkSymbol(body));
}

const guessesCounted = async () =>
  (await j.t.database.pool.query('SELECT coalesce(sum(hits), 0)::int AS n FROM rate_windows')).rows[0]
    .n as number;

describe.runIf(hasBrowser)('the desk on small screens', () => {
  // The desk checks a whole code as it is typed; « Vérifier » pressed after it asked again, and
  // an unknown code counted twice against the place's 20 guesses: locked out after 10.
  it(
    'counts one unknown code once, « Vérifier » pressed or not',
    async () => {
      await demoCampaign(j.t);
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      const field = page.getByLabel('Code du pass');
      const said = () => page.getByText('Ce code ne correspond à aucun pass.').count();
      const typed = async (code: string, press: boolean) => {
        const before = await guessesCounted();
        await field.fill(code);
        await expect.poll(said).toBe(1);
        if (press) {
          await page.getByRole('button', { name: 'Vérifier' }).click();
          await page.getByRole('button', { name: 'Vérifier' }).click();
          await expect.poll(said).toBe(1);
          // Taken to the answer all the same, as a keyboard user pressing Enter expects.
          await expect
            .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
            .toContain('Ce code ne correspond à aucun pass.');
        }
        return (await guessesCounted()) - before;
      };
      const once = await typed(unknownCode(), false);
      expect(once).toBeGreaterThan(0);
      expect(await typed(unknownCode(), true)).toBe(once);
    },
    JOURNEY_MS,
  );

  it(
    'lets a volunteer on a phone redeem a pass and cancel it, every button on the screen, and says when the pass cannot be used again',
    async () => {
      const c = await demoCampaign(j.t);
      const { codes, serials } = await handedOutBooklets(j.t, c, 1);
      const code = formatPassCode(codes[0]!);
      const page = await j.newPage();
      await page.setViewportSize({ width: 360, height: 780 });
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      await page.getByLabel('Code du pass').fill(code);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      const result = page.getByTestId('pass-check-result');
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      // Text at twice its size (an older volunteer's phone): the confirmation stays on screen.
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      const largeText = (await page.getByRole('button', { name: 'Confirmer l’encaissement' }).boundingBox())!;
      expect(largeText.x + largeText.width).toBeLessThanOrEqual(360);
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '';
      });
      await confirmRedemption(page);

      // The latest redemption, with its cancel button in full view: nothing to scroll sideways.
      const row = page.getByTestId('redemption-row').filter({ hasText: code });
      await expect.poll(() => row.count()).toBe(1);
      const cancel = page.getByRole('button', { name: `Annuler l’encaissement du pass ${code}` });
      await cancel.scrollIntoViewIfNeeded();
      const box = (await cancel.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      await expectTableFits(
        page.getByRole('table', { name: /Encaissements d’aujourd’hui/ }),
        'today’s redemptions',
      );
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
      await expectAccessible(page, 'desk with its latest redemptions at 360 px');

      // Asked where it was tapped, confirmed, and said.
      await cancel.click();
      const confirm = page.getByRole('button', { name: 'Oui, annuler l’encaissement' });
      const confirmBox = (await confirm.boundingBox())!;
      expect(confirmBox.x + confirmBox.width).toBeLessThanOrEqual(360);
      await confirm.click();
      await expect.poll(() => page.getByText(`L’encaissement du pass ${code} est annulé`).count()).toBe(1);
      await expect.poll(() => row.textContent()).toContain('Annulé');
      expect(await cancel.count()).toBe(0);
      // The pass may be used again.
      const { rows } = await j.t.database.pool.query('SELECT status FROM passes WHERE code = $1', [codes[0]]);
      expect(rows[0].status).toBe('active');
      await expectAccessible(page, 'desk after a cancellation at 360 px');

      // Redeemed again, then its booklet declared stolen: the cancellation must not promise that
      // the pass can be used again (it said so, and the next check found the pass blocked).
      await page.getByLabel('Code du pass').fill(code);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      await confirmRedemption(page);
      const blocked = await c.funder.request('POST', `/api/v1/booklets/${serials[0]}/block`, {
        reason: 'stolen',
      });
      expect(blocked.statusCode).toBe(200);
      await cancel.click();
      await expect
        .poll(() => page.getByText(/Le pass pourra de nouveau être utilisé, sauf si son carnet/).count())
        .toBe(1);
      await confirm.click();
      await expect
        .poll(() =>
          page
            .getByText(
              `L’encaissement du pass ${code} est annulé, mais le pass ne peut plus être utilisé : son carnet a été déclaré perdu ou volé.`,
            )
            .count(),
        )
        .toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'brings the verdict into sight and focus after « Vérifier » on an old laptop’s screen',
    async () => {
      const { codes } = await handedOutBooklets(j.t, await demoCampaign(j.t), 1);
      const page = await j.newPage();
      await page.setViewportSize({ width: 1024, height: 700 });
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      await page.getByLabel('Code du pass').fill(formatPassCode(codes[0]!));
      await page.getByRole('button', { name: 'Vérifier' }).click();
      const result = page.getByTestId('pass-check-result');
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      // The verdict whole on the screen, and the keyboard where the verdict is.
      await expect
        .poll(() =>
          result.evaluate((el) => {
            const box = el.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight && el.contains(document.activeElement);
          }),
        )
        .toBe(true);
      await expectAccessible(page, 'desk with a verdict at 1024 px');
    },
    JOURNEY_MS,
  );

  it(
    'says a session dated before the hand-out is the reason, names that day, and gives the way back to today',
    async () => {
      const { codes } = await handedOutBooklets(j.t, await demoCampaign(j.t), 1);
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      // The booklet was handed out today; the session typed as three days ago.
      await page.getByLabel('Date de la séance').fill(addDays(businessDate(), -3));
      await page.getByLabel('Code du pass').fill(formatPassCode(codes[0]!));
      const result = page.getByTestId('pass-check-result');
      await expect.poll(() => result.getAttribute('data-status')).toBe('not_yet_valid');
      const text = (await result.textContent())!;
      expect(text).toContain('n’était pas encore valable à la date de la séance');
      expect(text).toContain(`remis le ${frenchDate(businessDate())}`);
      expect(text).not.toContain('Il sera valable');
      // The day it was judged on is named, in the verdict and beside the field, which stays on
      // that day for the next pass (a collective session recorded late): the way back to today
      // is at hand, and the next person's session of today is then checked on today.
      const earlier = frenchDate(addDays(businessDate(), -3));
      expect(text).toContain(`à la date de la séance, le ${earlier}`);
      expect(await page.getByText(`Séance d’un jour passé : le ${earlier}.`).count()).toBe(1);
      await expectAccessible(page, 'desk: a session before the hand-out');
      await page.getByRole('button', { name: 'Séance d’aujourd’hui' }).click();
      expect(await page.getByLabel('Date de la séance').inputValue()).toBe(businessDate());
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      expect(await page.getByText(/Séance d’un jour passé/).count()).toBe(0);
    },
    JOURNEY_MS,
  );

  it(
    'lists today’s sessions under « Aujourd’hui » with their duration and format, counted, the earlier days’ behind a button, on a 1366 × 768 laptop and a phone',
    async () => {
      const { codes } = await handedOutBooklets(j.t, await demoCampaign(j.t), 1);
      const [workshop, before] = [formatPassCode(codes[0]!), formatPassCode(codes[1]!)];
      const page = await j.newPage();
      await page.setViewportSize({ width: 1366, height: 768 });
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      const result = page.getByTestId('pass-check-result');
      // Each session's duration and format as typed at the desk (the form keeps the last ones).
      const redeem = async (code: string, minutes: string, format: string) => {
        await page.getByLabel('Code du pass').fill(code);
        await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
        await page.getByLabel('Durée de la séance, en minutes').fill(minutes);
        await page.locator('label', { hasText: new RegExp(`^${format}$`) }).click();
        await confirmRedemption(page);
        await page.getByRole('button', { name: 'Encaisser un autre pass' }).click();
      };
      // A collective workshop of an hour and a half, today; a session of an hour, recorded two
      // days ago (its time moved back: the desk records at the present time only).
      await redeem(workshop, '90', 'Collective');
      await redeem(before, '60', 'Individuelle');
      const { rows: earlier } = await j.t.database.pool.query(
        `UPDATE redemptions r SET redeemed_at = r.redeemed_at - interval '2 days' FROM passes p
          WHERE p.id = r.pass_id AND p.code = $1 RETURNING r.place_id`,
        [codes[1]],
      );
      await page.reload();

      const today = page.getByRole('region', { name: 'Aujourd’hui' });
      const row = today.getByTestId('redemption-row').filter({ hasText: workshop });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.locator('[data-label="Durée"]').textContent()).toBe('1 h 30');
      expect(await row.locator('[data-label="Format"]').textContent()).toBe('Collective');
      expect(await row.locator('[data-label="Thème"]').textContent()).toBe(
        'Aide aux démarches administratives',
      );
      expect(await row.locator('[data-label="Heure"]').textContent()).toMatch(/^\d\d:\d\d$/);
      expect(await today.getByTestId('redemption-row').filter({ hasText: before }).count()).toBe(0);
      // Counted as the place's day in Paris is, cancelled sessions aside.
      const { rows: day } = await j.t.database.pool.query(
        `SELECT duration_minutes AS "durationMinutes", cancelled_at AS "cancelledAt" FROM redemptions
          WHERE place_id = $1 AND (redeemed_at AT TIME ZONE 'Europe/Paris')::date = $2::date`,
        [earlier[0].place_id, businessDate()],
      );
      expect(await today.getByTestId('day-summary').textContent()).toBe(daySummary(day));
      expect(await today.getByTestId('redemption-row').count()).toBe(day.length);
      await expectTableFits(today.getByRole('table'), 'today’s redemptions at 1366 px');
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(1366);

      // The earlier days on demand, the keyboard taken to them.
      const more = page.getByRole('button', { name: 'Afficher les encaissements des jours précédents' });
      await more.click();
      const previous = page.getByRole('region', { name: 'Jours précédents' });
      const old = previous.getByTestId('redemption-row').filter({ hasText: before });
      await expect.poll(() => old.count()).toBe(1);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Jours précédents');
      expect(await old.locator('[data-label="Enregistré le"]').textContent()).toMatch(
        /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/,
      );
      expect(await old.locator('[data-label="Durée"]').textContent()).toBe('1 h');
      expect(await old.locator('[data-label="Format"]').textContent()).toBe('Individuelle');
      await expectTableFits(previous.getByRole('table'), 'earlier redemptions at 1366 px');
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(1366);
      await expectAccessible(page, 'desk, today’s and earlier sessions at 1366 px');

      // On a phone, each session a card: nothing to scroll sideways.
      await page.setViewportSize({ width: 360, height: 780 });
      await expect
        .poll(() => page.evaluate(() => document.scrollingElement!.scrollWidth))
        .toBeLessThanOrEqual(360);
      await expectAccessible(page, 'desk, today’s and earlier sessions at 360 px');
    },
    JOURNEY_MS,
  );

  it(
    'records a desk left open overnight on the new day, and keeps a half-typed code across pages until redeemed',
    async () => {
      const { codes } = await handedOutBooklets(j.t, await demoCampaign(j.t), 2);
      const page = await j.newPage();
      // The desk opened yesterday evening, the booklets handed out today.
      const now = Date.now();
      await page.clock.install({ time: now - 24 * 3_600_000 });
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      expect(await page.getByLabel('Date de la séance').inputValue()).toBe(addDays(businessDate(), -1));
      // The next morning: the first pass is checked and recorded on today, not on yesterday.
      await page.clock.setSystemTime(now);
      await page.getByLabel('Code du pass').fill(formatPassCode(codes[0]!));
      const result = page.getByTestId('pass-check-result');
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      expect(await page.getByLabel('Date de la séance').inputValue()).toBe(businessDate());
      await confirmRedemption(page);
      const late = await j.t.database.pool.query(
        `SELECT count(*)::int AS n FROM late_sessions l JOIN redemptions r ON r.id = l.redemption_id
           JOIN passes p ON p.id = r.pass_id WHERE p.code = $1`,
        [codes[0]],
      );
      expect(late.rows[0].n).toBe(0);

      // Half a code typed, another page, back: the code is still there.
      await page.getByRole('button', { name: 'Encaisser un autre pass' }).click();
      const half = formatPassCode(codes[1]!).slice(0, 8);
      await page.getByLabel('Code du pass').fill(half);
      await page.goto(`${j.baseUrl}/compte`);
      await page.goto(`${j.baseUrl}/lieu`);
      expect(await page.getByLabel('Code du pass').inputValue()).toBe(half);
      // Finished and redeemed: the next visit starts empty.
      await page.getByLabel('Code du pass').fill(formatPassCode(codes[1]!));
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      await confirmRedemption(page);
      await page.goto(`${j.baseUrl}/compte`);
      await page.goto(`${j.baseUrl}/lieu`);
      expect(await page.getByLabel('Code du pass').inputValue()).toBe('');
    },
    JOURNEY_MS,
  );
});
