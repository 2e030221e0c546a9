import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Circulation, demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import { hasBrowser, JOURNEY_MS, type Journey, logIn, modalSettled, startJourney } from './browser.js';

// A keyboard-only audit: where the focus lands when a dialog closes, after a payment run's
// actions, and on a server's refusal; what is announced; what the fields say.
let j: Journey;
let c: Circulation;
beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
});
afterAll(() => j?.close());

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const CAMPAIGN = 'Pass numériques Hauts-de-France — campagne 2026 (démonstration)';

/** The element holding the keyboard focus, by its tag and its words. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return `${el?.tagName.toLowerCase()}: ${(el?.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
  });

/** True when `locator` is the focused element. */
const hasFocus = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

async function signIn(email: string) {
  const page = await j.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, j.baseUrl, email);
  await page.waitForURL(/\/(financeur|prescripteur)$/);
  return page;
}

async function openPlace(funder: Page, name: string) {
  await funder.goto(`${j.baseUrl}/financeur/lieux`);
  await funder.getByRole('link', { name, exact: true }).click();
  await funder.waitForURL(/\/financeur\/lieux\/[0-9a-f-]{36}$/);
}

describe.runIf(hasBrowser)('keyboard focus and announcements', () => {
  it(
    'gives the focus back to the button that opened a dialog, whichever way it closes',
    async () => {
      const funder = await signIn('financeur@hautsdefrance.test');
      await openPlace(funder, 'Médiathèque Louis Aragon');
      const suspend = funder.getByRole('button', { name: `Suspendre pour « ${CAMPAIGN} »` });
      const dialog = funder.locator('#motif-decision');
      for (const how of ['Escape', 'Escape in the field', 'Fermer'] as const) {
        await suspend.click();
        await modalSettled(dialog, true);
        const close = dialog.getByRole('button', { name: 'Fermer' });
        if (how === 'Escape') {
          await close.focus();
          await funder.keyboard.press('Escape');
        } else if (how === 'Escape in the field') {
          // The DSFR ignores Escape in a field: typing the reason, Escape did nothing.
          await dialog.getByLabel(/Motif de la décision/).fill('Escape');
          await funder.keyboard.press('Escape');
        } else await close.click();
        await modalSettled(dialog, false);
        await poll(() => hasFocus(suspend)).toBe(true);
      }

      // The footer's display settings, opened from the footer.
      const settings = funder.getByRole('button', { name: /^Paramètres d.affichage$/ });
      await settings.click();
      const display = funder.locator('#fr-theme-modal');
      await modalSettled(display, true);
      await display.getByRole('button', { name: 'Fermer' }).focus();
      await funder.keyboard.press('Escape');
      await modalSettled(display, false);
      await poll(() => hasFocus(settings)).toBe(true);
      // Escape from a choice of theme (a radio button) closes it too.
      await settings.click();
      await modalSettled(display, true);
      await display.getByRole('radio', { name: /^Système/ }).focus();
      await funder.keyboard.press('Escape');
      await modalSettled(display, false);
      await poll(() => hasFocus(settings)).toBe(true);
      // On the smallest phone with text at 200 %, the settings reflow: nothing to scroll sideways.
      await funder.setViewportSize({ width: 320, height: 640 });
      await funder.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      await settings.click();
      await modalSettled(display, true);
      const overflow = await display.evaluate((modal) =>
        [...modal.querySelectorAll<HTMLElement>('*')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
          .map((e) => `${e.className} ${e.scrollWidth}>${e.clientWidth}`),
      );
      expect(overflow).toEqual([]);
      await display.getByRole('button', { name: 'Fermer' }).click();
      await modalSettled(display, false);

      // The prescriber's confirmation before blocking: « Annuler », then the tab order.
      const { serials } = await handedOutBooklets(j.t, c, 1);
      const prescriber = await signIn('prescripteur@hautsdefrance.test');
      await prescriber.getByLabel('Numéro du carnet perdu ou volé').fill(serials[0]!);
      await prescriber.getByText('Perdu', { exact: true }).click();
      const block = prescriber.getByRole('button', { name: 'Bloquer le carnet', exact: true });
      await block.click();
      const confirm = prescriber.locator('#confirmer-blocage');
      await modalSettled(confirm, true);
      // Read and tabbed in the order they show: « Annuler » on the left, first.
      const buttons = confirm.locator('.fr-modal__footer button');
      expect(await buttons.allTextContents()).toEqual(['Annuler', 'Bloquer définitivement']);
      const [left, right] = [await buttons.nth(0).boundingBox(), await buttons.nth(1).boundingBox()];
      expect(left!.x).toBeLessThan(right!.x);
      await buttons.nth(0).focus();
      await prescriber.keyboard.press('Tab');
      expect(await focused(prescriber)).toBe('button: Bloquer définitivement');
      await confirm.getByRole('button', { name: 'Annuler' }).click();
      await modalSettled(confirm, false);
      await poll(() => hasFocus(block)).toBe(true);
    },
    JOURNEY_MS,
  );

  it(
    'says in the decision dialog what the server refused, beside the field, and takes the focus there',
    async () => {
      const funder = await signIn('financeur@hautsdefrance.test');
      await openPlace(funder, 'Médiathèque Louis Aragon');
      await funder.getByRole('button', { name: `Suspendre pour « ${CAMPAIGN} »` }).click();
      const dialog = funder.locator('#motif-decision');
      await modalSettled(dialog, true);
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      const summary = dialog.getByRole('alert');
      await poll(() => summary.count()).toBe(1);
      await poll(() => hasFocus(summary)).toBe(true);
      expect(await summary.textContent()).toContain('Indiquez le motif de la décision');
      const reason = dialog.getByLabel('Motif de la décision');
      expect(await reason.getAttribute('aria-invalid')).toBe('true');
      expect(await funder.locator('[role=alert] [role=alert]').count()).toBe(0);
    },
    JOURNEY_MS,
  );

  it(
    'names the field of each refusal on the questionnaire and the charter, beside it',
    async () => {
      const funder = await signIn('financeur@hautsdefrance.test');
      await funder.goto(`${j.baseUrl}/financeur/qualification`);
      await funder.getByRole('button', { name: 'Publier le questionnaire' }).click();
      const questionnaire = funder.getByRole('region', { name: 'Questionnaire' }).getByRole('alert');
      await poll(() => questionnaire.count()).toBe(1);
      await poll(() => hasFocus(questionnaire)).toBe(true);
      // The message names its field.
      expect(await questionnaire.textContent()).toContain(
        'Seuil d’admission (en points) : Indiquez un nombre de points.',
      );
      const passMark = funder.getByLabel('Seuil d’admission (en points)');
      expect(await passMark.getAttribute('aria-invalid')).toBe('true');
      expect(await funder.getByLabel('Intitulé de la question').getAttribute('aria-invalid')).toBe('true');
      // The summary's link takes the keyboard to the field.
      await questionnaire.getByRole('link', { name: /Seuil d’admission/ }).click();
      await poll(() => hasFocus(passMark)).toBe(true);
      // Typing settles the field's complaint.
      await passMark.fill('1');
      expect(await passMark.getAttribute('aria-invalid')).toBeNull();
      expect(await funder.locator('[role=alert] [role=alert]').count()).toBe(0);

      await funder.getByRole('button', { name: 'Publier la charte' }).click();
      const charter = funder.getByRole('region', { name: 'Charte' }).getByRole('alert');
      await poll(() => charter.count()).toBe(1);
      await poll(() => hasFocus(charter)).toBe(true);
      expect(await funder.getByLabel('Texte de la charte').getAttribute('aria-invalid')).toBe('true');
      expect(await funder.locator('[role=alert] [role=alert]').count()).toBe(0);
    },
    JOURNEY_MS,
  );

  it(
    'asks before cancelling a payment run, then announces each action and keeps the focus',
    async () => {
      const funder = await signIn('financeur@hautsdefrance.test');
      await funder.goto(`${j.baseUrl}/financeur/paiements`);
      const status = funder.getByRole('status').filter({ hasText: /Lot/ });
      const heading = (state: string) => funder.getByRole('heading', { level: 3, name: new RegExp(state) });

      // The demo's approved run, awaiting its file: cancelling it asks first.
      const cancel = funder.getByRole('button', { name: /^Annuler le lot/ });
      await poll(() => cancel.count()).toBe(1);
      await cancel.click();
      await poll(() => focused(funder)).toMatch(/^p: Annuler ce lot approuvé \?/);
      await funder.getByRole('button', { name: 'Non, garder le lot' }).click();
      await poll(() => hasFocus(cancel)).toBe(true);
      await cancel.click();
      await funder.getByRole('button', { name: 'Oui, annuler le lot' }).click();
      await poll(() => status.textContent()).toContain('Lot annulé');
      await poll(() => hasFocus(heading('Annulé'))).toBe(true);

      // Its statements are to pay again: a new run, then its approval.
      await funder.getByRole('button', { name: 'Préparer un lot de paiement' }).click();
      await poll(() => status.textContent()).toContain('Lot préparé');
      await poll(() => hasFocus(heading('À approuver'))).toBe(true);
      // Asked first, with its total; « Non » gives the focus back to the button.
      const approve = funder.getByRole('button', { name: 'Approuver le lot' });
      await approve.click();
      await poll(() => focused(funder)).toMatch(/^p: Approuver ce lot de .+ € \(\d+ virements?\) \?/);
      await funder.getByRole('button', { name: 'Non, pas maintenant' }).click();
      await poll(() => hasFocus(approve)).toBe(true);
      await approve.click();
      await funder.getByRole('button', { name: 'Oui, approuver le lot' }).click();
      await poll(() => status.textContent()).toContain('Lot approuvé');
      await poll(() => hasFocus(heading('Approuvé, à transmettre'))).toBe(true);
    },
    JOURNEY_MS,
  );
});
