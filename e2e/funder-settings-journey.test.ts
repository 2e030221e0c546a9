import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseSuggestion,
  expectAccessible,
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
 * Issue 11, point 1: a funder admin sets its territory by name and its bank account on its
 * settings page, with the keyboard or the mouse; a reader sees the account masked.
 */
describe.runIf(hasBrowser)('the funder settings page', () => {
  it(
    'sets the territory by name and the bank account, refusing a wrong IBAN in French',
    async () => {
      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'financeur@hautsdefrance.test');
      await admin.waitForURL(/\/financeur$/);
      await admin.getByRole('link', { name: 'Paramètres' }).click();
      await admin.waitForURL(/\/financeur\/parametres$/);
      await expect.poll(() => admin.getByRole('heading', { name: 'Territoire' }).count()).toBe(1);
      await expectAccessible(admin, 'settings page');

      // The territory: an EPCI chosen with the keyboard, a commune by its postcode with the mouse.
      await chooseSuggestion(
        admin,
        'Territoire du financeur',
        'grand verdun',
        'CA du Grand Verdun (Meuse) — EPCI',
        'keyboard',
      );
      await chooseSuggestion(admin, 'Territoire du financeur', '55100', 'Verdun (55100) — commune');
      const chosen = admin.getByRole('button', { name: /^Retirer / });
      await expect
        .poll(() => chosen.allTextContents())
        .toEqual(expect.arrayContaining(['CA du Grand Verdun (Meuse) — EPCI', 'Verdun (55100) — commune']));
      await expectAccessible(admin, 'settings page with suggestions chosen');
      await admin.getByRole('button', { name: 'Retirer Verdun (55100) — commune' }).click();
      await admin.getByRole('button', { name: 'Enregistrer le territoire' }).click();
      await expect
        .poll(() => admin.getByText('Le territoire du financeur a été enregistré.').count())
        .toBe(1);

      // The bank account: a mistyped IBAN is refused beside its field, before anything is sent.
      await admin
        .getByRole('textbox', { name: 'IBAN', exact: true })
        .fill('FR76 3000 6000 0112 3456 7890 188');
      await admin.getByRole('textbox', { name: 'BIC', exact: true }).fill('agrifrpp');
      await admin.getByLabel('Titulaire du compte').fill('Région Hauts-de-France');
      await admin.getByRole('button', { name: 'Enregistrer le compte bancaire' }).click();
      await expect
        .poll(() => admin.getByText('IBAN invalide : vérifiez la clé de contrôle', { exact: false }).count())
        .toBeGreaterThan(0);
      await expectAccessible(admin, 'settings page with an IBAN error');
      await admin
        .getByRole('textbox', { name: 'IBAN', exact: true })
        .fill('FR76 3000 6000 0112 3456 7890 189');
      await admin.getByRole('button', { name: 'Enregistrer le compte bancaire' }).click();
      await expect.poll(() => admin.getByText('Le compte bancaire a été enregistré.').count()).toBe(1);
      await expect
        .poll(() => admin.getByTestId('compte-actuel').textContent())
        .toContain('FR76 3000 6000 0112 3456 7890 189');
      expect(await admin.getByTestId('compte-actuel').textContent()).toContain('AGRIFRPP');

      // Whom the places write to: a phone alone is refused beside the e-mail's field.
      await admin.getByLabel('Téléphone pour les lieux (facultatif)').fill('03 74 27 00 00');
      await admin.getByRole('button', { name: 'Enregistrer le contact des lieux' }).click();
      await expect
        .poll(() => admin.getByText('Indiquez l’adresse électronique : le téléphone l’accompagne.').count())
        .toBeGreaterThan(0);
      await admin.getByLabel('Adresse électronique pour les lieux').fill('lieux@region.test');
      await admin.getByRole('button', { name: 'Enregistrer le contact des lieux' }).click();
      await expect
        .poll(() =>
          admin.getByText('Contact enregistré : la page des relevés de vos lieux l’indique.').count(),
        )
        .toBe(1);
      await expectAccessible(admin, 'settings page with the contact for places');

      await admin.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(admin, 'settings page at 360 px');

      // A reader sees the territory by its names and the account masked.
      const reader = await j.newPage();
      await logIn(reader, j.baseUrl, 'lecteur@hautsdefrance.test');
      await reader.waitForURL(/\/financeur$/);
      await reader.goto(`${j.baseUrl}/financeur/parametres`);
      await expect.poll(() => reader.getByText('CA du Grand Verdun (Meuse) — EPCI').count()).toBe(1);
      await expect.poll(() => reader.getByTestId('compte-actuel').textContent()).toContain('FR•• ••••');
      expect(await reader.getByTestId('compte-actuel').textContent()).not.toContain('3456');
      await expectAccessible(reader, 'settings page, read only');
      await reader.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(reader, 'settings page, read only, at 360 px');
    },
    JOURNEY_MS,
  );
});
