import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
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

const menu = (page: import('playwright-core').Page) =>
  page.getByRole('navigation', { name: 'Menu principal' });

/**
 * A person asks the funder to see what it holds about them, then to erase it (RGPD): the
 * funder's admin finds them by name, hands over their data as a file, erases the names and
 * birth date after confirming, and the journal says so. A viewer has no such page.
 */
describe.runIf(hasBrowser)('a person’s data, answered by the funder’s admin', () => {
  it(
    'finds Jeannine Dupont, downloads her data, erases it, and sets the retention period',
    async () => {
      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'financeur@hautsdefrance.test');
      await admin.waitForURL(/\/financeur$/);
      await menu(admin).getByRole('link', { name: 'Bénéficiaires', exact: true }).click();
      await admin.waitForURL(/\/financeur\/beneficiaires$/);
      const field = admin.getByRole('textbox', { name: 'Nom, prénom ou numéro de carnet' });
      await expect.poll(() => field.count()).toBe(1);
      await expectAccessible(admin, 'the beneficiaries page');

      // One letter: the API's refusal, in French, at the field.
      await field.fill('j');
      await admin.getByRole('button', { name: 'Rechercher' }).click();
      await expect
        .poll(() => admin.locator('.fr-error-text').allTextContents())
        .toContainEqual(expect.stringContaining('Tapez au moins deux lettres du nom ou du prénom'));
      expect(await field.getAttribute('aria-invalid')).toBe('true');

      // The beginnings of her first and last names, in lower case.
      await field.fill('jeannine dup');
      await admin.getByRole('button', { name: 'Rechercher' }).click();
      const results = admin.getByRole('table', { name: /personnes? trouvées? pour « jeannine dup »/ });
      await expect.poll(() => results.count()).toBe(1);
      expect(await admin.locator('.fr-error-text').count()).toBe(0);
      const row = results.getByRole('row', { name: /Dupont/ });
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain('Jeannine');
      expect(await row.textContent()).toContain('14 mars 1951');
      expect(await row.textContent()).toContain('Amiens');
      await expectAccessibleAtBothWidths(admin, 'the beneficiaries page with results');

      // Her page: her booklet, and why each piece of her data is kept.
      await results.getByRole('link', { name: 'Dupont Jeannine' }).click();
      await admin.waitForURL(/\/financeur\/beneficiaires\/[0-9a-f-]{36}$/);
      await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('Jeannine Dupont');
      const booklets = admin.getByRole('table', { name: /carnets? remis/ });
      expect(await booklets.getByRole('row').count()).toBeGreaterThan(1);
      const serial = (await booklets.getByRole('rowheader').first().textContent()) ?? '';
      expect(serial).toMatch(/^[A-Z0-9]{3,6}-\d{7}-\d$/);
      const why = admin.getByRole('region', { name: 'Pourquoi ces données' });
      expect(await why.textContent()).toContain('Nom, prénom et date de naissance');
      expect(await admin.getByRole('region', { name: 'Conservation' }).textContent()).toMatch(
        /Ces données seront effacées le .+ \(24 mois après la clôture du dernier dispositif de la personne\)\./,
      );
      await expectAccessibleAtBothWidths(admin, 'a person’s page');

      // Her data as a file, made from what the page read.
      const [download] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByRole('button', { name: 'Télécharger ses données (JSON)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^donnees-beneficiaire-\d{4}-\d{2}-\d{2}\.json$/);
      const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
      expect(file.person).toMatchObject({
        lastName: 'Dupont',
        firstName: 'Jeannine',
        birthDate: '1951-03-14',
      });
      expect(file.booklets.map((b: { serial: string }) => b.serial)).toContain(serial);

      // Her name was mistyped at the desk: rectified on her page, the same person, the same booklets.
      const rectifier = admin.getByRole('region', { name: 'Rectifier son identité' });
      const lastName = rectifier.getByRole('textbox', { name: 'Nom', exact: true });
      const rectify = rectifier.getByRole('button', { name: 'Rectifier l’identité' });
      await lastName.fill('');
      await rectify.click();
      await expect
        .poll(() => rectifier.locator('.fr-error-text').allTextContents())
        .toContainEqual('Renseignez le champ « Nom ».');
      await lastName.fill('Dupond');
      await rectify.click();
      await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('Jeannine Dupond');
      expect(await rectifier.getByRole('status').textContent()).toBe('Identité rectifiée.');
      expect(await booklets.getByRole('rowheader').first().textContent()).toBe(serial);
      await expectAccessible(admin, 'a person’s page, identity rectified');
      await lastName.fill('Dupont');
      await rectify.click();
      await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('Jeannine Dupont');

      // Erasing: the reason is asked for, then the erasure is confirmed.
      const erase = admin.getByRole('button', { name: 'Effacer ses données' });
      await erase.click();
      await expect
        .poll(() => admin.locator('.fr-error-text').allTextContents())
        .toContainEqual('Choisissez le motif de l’effacement.');
      // Clicked by its label, as a person does (the DSFR draws the label over the input).
      await admin.locator('label', { hasText: 'À la demande de la personne' }).click();
      expect(await admin.getByRole('radio', { name: 'À la demande de la personne' }).isChecked()).toBe(true);
      await erase.click();
      await expect
        .poll(() =>
          admin
            .getByText('Effacer pour de bon le nom, le prénom et la date de naissance de Jeannine Dupont ?')
            .count(),
        )
        .toBe(1);
      await expectAccessible(admin, 'a person’s page, asking to confirm the erasure');
      // « Non » leaves her data as it is.
      await admin.getByRole('button', { name: 'Non, ne rien effacer' }).click();
      await expect
        .poll(() => admin.evaluate(() => document.activeElement?.textContent))
        .toBe('Effacer ses données');
      await erase.click();
      await admin.getByRole('button', { name: 'Oui, effacer ses données' }).click();

      // The page shows the erased state, and the focus is on what was done.
      await expect
        .poll(() => admin.getByRole('heading', { level: 1 }).textContent())
        .toBe('Personne dont les données ont été effacées');
      await expect
        .poll(() => admin.evaluate(() => document.activeElement?.textContent ?? ''))
        .toContain('Données effacées');
      await expect.poll(() => admin.locator('main').textContent()).not.toContain('Dupont');
      expect(await admin.locator('main').textContent()).not.toContain('Jeannine');
      expect(await admin.getByRole('button', { name: 'Effacer ses données' }).count()).toBe(0);
      // Her booklet is still there, without her name.
      expect(await admin.getByRole('table', { name: /carnets? remis/ }).textContent()).toContain(serial);
      await expectAccessible(admin, 'a person’s page once erased');

      // Searched by name, she is no longer found; by her booklet's serial, she is, erased.
      await admin.getByRole('link', { name: 'Retour à la recherche' }).click();
      await admin.waitForURL(/\/financeur\/beneficiaires$/);
      await field.fill('dupont');
      await admin.getByRole('button', { name: 'Rechercher' }).click();
      await expect.poll(() => admin.getByText('Aucune personne trouvée', { exact: true }).count()).toBe(1);
      await field.fill(serial);
      await admin.getByRole('button', { name: 'Rechercher' }).click();
      await expect
        .poll(() => admin.getByRole('table', { name: /personne trouvée/ }).textContent())
        .toMatch(/Données effacées le /);

      // The journal says what was done, and why, without her name.
      await menu(admin).getByRole('link', { name: 'Journal', exact: true }).click();
      await admin.waitForURL(/\/financeur\/journal$/);
      const journal = admin.getByRole('table', { name: /Journal des actions/ });
      const erasure = journal.getByRole('row', { name: /Données d’un bénéficiaire effacées/ });
      await expect.poll(() => erasure.count()).toBe(1);
      expect(await erasure.textContent()).toContain('Motif de l’effacement : À la demande de la personne');
      expect(
        await journal.getByRole('row', { name: /Données d’un bénéficiaire consultées/ }).count(),
      ).toBeGreaterThan(0);
      expect(await journal.textContent()).not.toContain('Dupont');

      // The retention period: 12 months, kept after a reload.
      await menu(admin).getByRole('link', { name: 'Paramètres', exact: true }).click();
      await admin.waitForURL(/\/financeur\/parametres$/);
      const retention = admin.getByRole('combobox', { name: 'Durée de conservation' });
      await expect.poll(() => retention.inputValue()).toBe('24');
      await retention.selectOption({ label: '12 mois' });
      await admin.getByRole('button', { name: 'Enregistrer la durée de conservation' }).click();
      // Shorter than before: asked again, as it erases whoever it has passed.
      await admin.getByRole('button', { name: 'Oui, raccourcir' }).click();
      await expect
        .poll(() => admin.getByText('Durée de conservation enregistrée : 12 mois', { exact: false }).count())
        .toBe(1);
      await admin.reload();
      await expect
        .poll(() => admin.getByRole('combobox', { name: 'Durée de conservation' }).inputValue())
        .toBe('12');
      await expectAccessible(admin, 'the settings page with the retention period');
    },
    JOURNEY_MS,
  );

  it(
    'shows a viewer no « Bénéficiaires », and tells them to ask an admin',
    async () => {
      const viewer = await j.newPage();
      await logIn(viewer, j.baseUrl, 'lecteur@hautsdefrance.test');
      await viewer.waitForURL(/\/financeur$/);
      await expect.poll(() => menu(viewer).getByRole('link', { name: 'Paramètres' }).count()).toBe(1);
      expect(await menu(viewer).getByRole('link', { name: 'Bénéficiaires' }).count()).toBe(0);
      // The read-only seat is the auditor's: the journal, yes.
      expect(await menu(viewer).getByRole('link', { name: 'Journal' }).count()).toBe(1);
      await viewer.goto(`${j.baseUrl}/financeur/beneficiaires`);
      await expect.poll(() => viewer.getByRole('heading', { name: 'Consultation seule' }).count()).toBe(1);
      expect(await viewer.locator('main').textContent()).toContain(
        'Seuls les administrateurs du financeur consultent les données des bénéficiaires',
      );
      expect(await viewer.getByRole('textbox', { name: 'Nom, prénom ou numéro de carnet' }).count()).toBe(0);
      await expectAccessible(viewer, 'the beneficiaries page, for a viewer');
      // The journal opens for them, entries and all.
      await menu(viewer).getByRole('link', { name: 'Journal' }).click();
      await viewer.waitForURL(/\/financeur\/journal$/);
      await expect
        .poll(() => viewer.getByRole('table', { name: /^Journal des actions/ }).count(), { timeout: 20_000 })
        .toBe(1);
      expect(await viewer.getByText('Seuls les administrateurs').count()).toBe(0);

      // The retention period, read only.
      await viewer.goto(`${j.baseUrl}/financeur/parametres`);
      await expect
        .poll(() => viewer.getByRole('region', { name: 'Données des bénéficiaires' }).textContent())
        .toMatch(/Durée de conservation : \d+ mois/);
      expect(await viewer.getByRole('combobox', { name: 'Durée de conservation' }).count()).toBe(0);
    },
    JOURNEY_MS,
  );
});
