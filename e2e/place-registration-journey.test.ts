import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../src/test/accounts.js';
import {
  chooseSuggestion,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  startJourney,
} from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/** Issue 11, point 4: a place registers itself through the public form, then keeps its profile. */
describe.runIf(hasBrowser)('a place registers itself', () => {
  it(
    'fills the public form (commune by name, hours day by day, services), lands on its desk signed in, and edits its profile',
    async () => {
      const page = await j.newPage();
      await page.goto(`${j.baseUrl}/connexion`);
      await page.getByRole('link', { name: 'Inscrire votre lieu de médiation numérique' }).click();
      await page.waitForURL(/\/lieux\/inscription$/);
      await page
        .getByRole('heading', { level: 1, name: 'Inscrire un lieu de médiation numérique' })
        .waitFor();
      await expectAccessible(page, 'registration form');

      // Nothing filled in: each missing field is named before anything is sent.
      await page.getByRole('button', { name: 'Inscrire le lieu' }).click();
      await expect.poll(() => page.locator('.fr-error-text').count()).toBeGreaterThanOrEqual(5);
      await expectAccessible(page, 'registration form with errors');

      await page.getByLabel('Nom du lieu', { exact: true }).fill('Espace public numérique du Beffroi');
      await page.getByRole('textbox', { name: 'SIRET', exact: true }).fill('442 000 000 000 12');
      await chooseSuggestion(page, 'Commune', 'Amiens', /^Amiens \(80\d{3}\) — commune$/);
      await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('12 rue des Trois Cailloux');
      await page.getByLabel('Code postal', { exact: true }).fill('80000');

      // Hours: Monday morning and afternoon, the same from Tuesday to Friday, Saturday morning.
      await page.getByLabel('Ouvert le lundi').check({ force: true });
      await page.getByRole('button', { name: 'Ajouter une plage le lundi' }).click();
      await page.getByLabel('Lundi, plage 2 : de').fill('14:00');
      await page.getByLabel('Lundi, plage 2 : de').press('Tab');
      for (const day of ['Mardi', 'Mercredi', 'Jeudi', 'Vendredi'])
        await page.getByRole('button', { name: `${day} : comme le lundi` }).click();
      await page.getByLabel('Ouvert le samedi').check({ force: true });
      await page.getByLabel('Samedi, plage 1 : de').fill('10:00');
      await page.getByLabel('Samedi, plage 1 : à').fill('12:00');

      await page.getByLabel('Aide aux démarches administratives').check({ force: true });
      await page.getByLabel('Accès internet et matériel informatique').check({ force: true });
      await page.getByLabel('Seniors').check({ force: true });
      await page.getByLabel('Région Hauts-de-France').check({ force: true });

      await page.getByLabel('Votre nom').fill('Nadia Bensaïd');
      await page.getByLabel('Votre adresse électronique').fill('nadia@beffroi.test');
      await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(TEST_PASSWORD);
      await page.getByLabel('Confirmation du mot de passe').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Inscrire le lieu' }).click();

      // Signed in, on its desk, as the place's admin.
      await page.waitForURL(/\/lieu$/, { timeout: 30_000 });
      await page.getByRole('heading', { level: 1, name: 'Encaisser un pass' }).waitFor();
      await expect
        .poll(() => page.getByText('Espace public numérique du Beffroi').count())
        .toBeGreaterThan(0);
      // The notice comes from the profile's own request: absent until it answers, so wait for it.
      await page.waitForLoadState('networkidle');
      expect(await page.getByText('La fiche de votre lieu est à compléter').count()).toBe(0);

      await page.getByRole('link', { name: 'Fiche du lieu', exact: true }).click();
      await page.waitForURL(/\/lieu\/profil$/);
      await page.getByRole('heading', { level: 1, name: 'Fiche du lieu' }).waitFor();
      // The hours come back day by day, as they were set.
      await expect.poll(() => page.getByLabel('Vendredi, plage 2 : de').inputValue()).toBe('14:00');
      expect(await page.getByLabel('Samedi, plage 1 : de').inputValue()).toBe('10:00');
      expect(await page.getByLabel('Ouvert le dimanche').isChecked()).toBe(false);
      await expectAccessible(page, 'place profile');

      await page.getByLabel('Ouvert le samedi').uncheck({ force: true });
      // A short number: the summary names the field once, not « Téléphone : Téléphone : ».
      await page.getByRole('textbox', { name: 'Téléphone', exact: true }).fill('03 22');
      await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
      const summary = page.getByRole('alert').getByRole('link', { name: /un numéro de 10 chiffres/ });
      await expect.poll(() => summary.count()).toBe(1);
      expect(await summary.textContent()).toBe(
        'Téléphone : un numéro de 10 chiffres (ou international commençant par +).',
      );
      await page.getByRole('textbox', { name: 'Téléphone', exact: true }).fill('03 22 00 00 00');
      await page.getByLabel('Loisirs et créations numériques').check({ force: true });
      await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
      await expect.poll(() => page.getByText('Fiche du lieu enregistrée').count()).toBe(1);

      const saved = await page.evaluate(async () => {
        const me = await (await fetch('/api/v1/auth/me')).json();
        const placeId = me.memberships.find((m: { role: string }) => m.role === 'place_admin').organisationId;
        return (await fetch(`/api/v1/places/${placeId}/profile`)).json();
      });
      expect(saved.profile.openingHours).toBe('Mo-Fr 09:00-12:00,14:00-17:00');
      expect(saved.profile.phone).toBe('03 22 00 00 00');
      expect(saved.profile.services).toContain('Loisirs et créations numériques');

      await page.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(page, 'place profile at 360 px');
      await page.goto(`${j.baseUrl}/lieux/inscription`);
      await page
        .getByRole('heading', { level: 1, name: 'Inscrire un lieu de médiation numérique' })
        .waitFor();
      await expectAccessible(page, 'registration form at 360 px');
      // A 320 px screen with text at twice its size (WCAG 1.4.10, reflow): the form is read
      // and filled without scrolling sideways, no field cut at the right edge.
      await page.setViewportSize({ width: 320, height: 640 });
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        'registration form at 320 px, text at 200 %: page width',
      ).toBeLessThanOrEqual(320);
      // …and so do its error messages (« prenom.nom@exemple.fr. » is one long word).
      await page.getByRole('button', { name: 'Inscrire le lieu' }).click();
      await expect.poll(() => page.locator('.fr-error-text').count()).toBeGreaterThanOrEqual(5);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        'registration form with errors at 320 px, text at 200 %: page width',
      ).toBeLessThanOrEqual(320);
    },
    // The form is long and the machine shared: twice a journey's usual time.
    JOURNEY_MS * 2,
  );
});
