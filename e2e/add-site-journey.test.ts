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
 * The Médiathèque's admin opens a second site of the same structure: the registration refused
 * its SIRET, already on the platform. From the place's profile she adds it, its name and
 * address her own, its services and funders taken from the Médiathèque, and works for it.
 */
describe.runIf(hasBrowser)('a place’s admin adds a site of the structure', () => {
  it(
    'from the profile: a name a site already bears is refused at its field, then the site is added and the console works for it',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
      await page.waitForURL(/\/lieu$/);
      await page.goto(`${j.baseUrl}/lieu/profil`);
      await page.getByRole('link', { name: 'Ajouter un site', exact: true }).click();
      await page.waitForURL(/\/lieu\/ajouter-un-site$/);
      await page.getByRole('heading', { level: 1, name: 'Ajouter un site' }).waitFor();
      // The services come from the Médiathèque: one is already checked.
      await expect
        .poll(() =>
          page
            .getByRole('group', { name: /Services proposés/ })
            .getByRole('checkbox', { checked: true })
            .count(),
        )
        .toBeGreaterThan(0);
      await expectAccessible(page, 'add a site');

      // The Médiathèque's own name, in other capitals: a site of the SIRET already bears it.
      await page.getByRole('textbox', { name: /^Nom du lieu/ }).fill('MÉDIATHÈQUE LOUIS ARAGON');
      await chooseSuggestion(page, 'Commune', 'Amiens', /^Amiens \(80\d{3}\) — commune$/);
      await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('3 place du Beffroi');
      await page.getByLabel('Code postal', { exact: true }).fill('80000');
      await page.getByRole('button', { name: 'Ajouter le site' }).click();
      const nameField = page.getByRole('textbox', { name: /^Nom du lieu/ });
      await expect.poll(() => nameField.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');

      await nameField.fill('Médiathèque Louis Aragon — annexe du Beffroi');
      await page.getByRole('button', { name: 'Ajouter le site' }).click();
      await page
        .getByRole('heading', { name: 'Site « Médiathèque Louis Aragon — annexe du Beffroi » ajouté' })
        .waitFor({ timeout: 15_000 });
      await expectAccessible(page, 'site added');

      // The console now works for the new site: its profile is the annexe's.
      await page.goto(`${j.baseUrl}/lieu/profil`);
      await expect
        .poll(() => page.getByRole('textbox', { name: /^Nom du lieu/ }).inputValue(), { timeout: 15_000 })
        .toBe('Médiathèque Louis Aragon — annexe du Beffroi');
    },
    JOURNEY_MS,
  );
});
