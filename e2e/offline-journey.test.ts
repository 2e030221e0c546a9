import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPassCode } from '../src/core/pass-code.js';
import { demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import { hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * A volunteer's phone loses its connection. The web app's requests waited for it to come back
 * without a word: « Vérifier » showed nothing, and a commune search said that no commune
 * matches, as if the name were misspelt. They now say the server cannot be reached. And on a
 * slow one, « Confirmer l’encaissement » greyed out with the focus thrown back to the page; a
 * cancellation whose answer was lost said « réessayez » above a row that said « Annulé ».
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const UNREACHABLE = /Impossible de joindre le serveur/;

describe.runIf(hasBrowser)('without a connection', () => {
  it(
    'says so at the desk and in a commune search, and works again once it is back',
    async () => {
      const { codes } = await handedOutBooklets(j.t, await demoCampaign(j.t), 1);
      const page = await j.newPage();
      await page.setViewportSize({ width: 360, height: 780 });
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);

      const field = page.getByLabel('Code du pass');
      await field.waitFor();
      await page.context().setOffline(true);
      await field.fill(formatPassCode(codes[0]!));
      await page.getByRole('button', { name: 'Vérifier' }).click();
      const result = page.getByTestId('pass-check-result');
      await expect.poll(() => result.textContent(), { timeout: 20_000 }).toMatch(UNREACHABLE);

      await page.context().setOffline(false);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');

      // The directory's commune search, offline: not « Aucune commune ne correspond ».
      await page.goto(`${j.baseUrl}/annuaire/${(await demoCampaign(j.t)).programId}`);
      const commune = page.getByRole('combobox', { name: /Commune/ });
      await commune.waitFor();
      await page.context().setOffline(true);
      await commune.fill('amiens');
      await expect.poll(() => page.getByText(UNREACHABLE).count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.getByText(/Aucune commune ne correspond/).count()).toBe(0);
      await page.context().setOffline(false);
    },
    JOURNEY_MS,
  );

  it(
    'keeps the focus on « Confirmer » while a slow redemption is on its way, and says it is',
    async () => {
      const { codes } = await handedOutBooklets(j.t, await demoCampaign(j.t), 1);
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      await page.getByLabel('Code du pass').fill(formatPassCode(codes[1]!));
      await page.getByRole('button', { name: 'Vérifier' }).click();
      const result = page.getByTestId('pass-check-result');
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      await page
        .getByLabel('Thème de la séance')
        .selectOption({ label: 'Aide aux démarches administratives' });
      // The pass's row held: the redemption waits, as on a slow network.
      const holder = await j.t.database.pool.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT 1 FROM passes WHERE code = $1 FOR UPDATE', [codes[1]]);
        const confirm = page.getByRole('button', { name: 'Confirmer l’encaissement' });
        await confirm.focus();
        await page.keyboard.press('Enter');
        const busy = page.getByRole('button', { name: 'Encaissement en cours…' });
        await expect.poll(() => busy.count()).toBe(1);
        expect(await busy.evaluate((b) => b === document.activeElement)).toBe(true);
        expect(await page.getByRole('status').filter({ hasText: 'Encaissement en cours' }).count()).toBe(1);
        // A second press meanwhile sends nothing more.
        await page.keyboard.press('Enter');
      } finally {
        await holder.query('COMMIT');
        holder.release();
      }
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemed');
      const { rows } = await j.t.database.pool.query(
        'SELECT count(*)::int AS n FROM redemptions r JOIN passes p ON p.id = r.pass_id WHERE p.code = $1',
        [codes[1]],
      );
      expect(rows[0].n).toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'tells whether a cancellation whose answer was lost was made, from the list',
    async () => {
      const { codes } = await handedOutBooklets(j.t, await demoCampaign(j.t), 1);
      const code = formatPassCode(codes[2]!);
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      await page.getByLabel('Code du pass').fill(code);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await expect
        .poll(() => page.getByTestId('pass-check-result').getAttribute('data-status'))
        .toBe('redeemable');
      await page
        .getByLabel('Thème de la séance')
        .selectOption({ label: 'Aide aux démarches administratives' });
      await page.getByRole('button', { name: 'Confirmer l’encaissement' }).click();
      const row = page.getByTestId('redemption-row').filter({ hasText: code });
      await expect.poll(() => row.count()).toBe(1);
      // The server cancels; its answer never reaches the phone.
      await page.route('**/cancel', async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      });
      await page.getByRole('button', { name: `Annuler l’encaissement du pass ${code}` }).click();
      await page.getByRole('button', { name: 'Oui, annuler l’encaissement' }).click();
      const notice = page.getByRole('status').filter({ hasText: code });
      await expect.poll(() => notice.textContent()).toContain('est annulé');
      // Not « Impossible de joindre le serveur… réessayez » above a row that says « Annulé ».
      expect(await notice.textContent()).not.toMatch(/Impossible de joindre/);
      await expect.poll(() => row.textContent()).toMatch(/Annulé/i);
    },
    JOURNEY_MS,
  );
});
