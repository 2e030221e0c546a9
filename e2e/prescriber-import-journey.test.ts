import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const SAMPLE = 'src/demo/pays-de-verdun-prescripteurs-demo.csv';

/** Issue 11, point 2: prescribers imported from a file, a prescriber's page, stock taken back. */
describe.runIf(hasBrowser)('a funder admin imports its prescribers and takes stock back from one', () => {
  it(
    'checks a file, reads the report line by line, imports it, then opens a prescriber’s page and takes back a booklet',
    async () => {
      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'financeur@hautsdefrance.test');
      await admin.waitForURL(/\/financeur$/);
      await admin.getByRole('link', { name: 'Prescripteurs', exact: true }).click();
      await admin.waitForURL(/\/financeur\/prescripteurs$/);
      const file = admin.getByLabel('Fichier des prescripteurs');

      // A file with a faulty line: the report says which field and why, nothing is recorded yet.
      await file.setInputFiles({
        name: 'essai.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'Nom;Type;Commune\nCCAS de Péronne;ccas;Péronne (80200)\nClub du jeudi;Club;Amiens\n',
        ),
      });
      const faulty = admin.getByRole('row').filter({ hasText: 'Club du jeudi' });
      await expect.poll(() => faulty.textContent(), { timeout: 20_000 }).toContain('Type « Club » inconnu');
      expect(await faulty.textContent()).toContain('Refusé');
      expect(await admin.getByRole('button', { name: 'Importer 1 prescripteur' }).count()).toBe(1);

      // The Pays de Verdun's list: 25 lines to create, then imported.
      await file.setInputFiles(SAMPLE);
      const caption = 'Vérification de « pays-de-verdun-prescripteurs-demo.csv » : 25 lignes, 25 à créer';
      await expect
        .poll(() => admin.getByText(caption, { exact: false }).count(), { timeout: 20_000 })
        .toBe(1);
      await expectAccessible(admin, 'prescribers page with a dry-run report');
      await admin.getByRole('button', { name: 'Importer 25 prescripteurs' }).click();
      await expect
        .poll(() => admin.getByRole('heading', { name: '25 prescripteurs importés' }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await expect
        .poll(() => admin.getByRole('link', { name: 'Collège des Remparts (démo)' }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await expectAccessible(admin, 'prescribers page after an import');

      // The prescriber's page, from its row in the list.
      await admin.getByRole('link', { name: 'Mission locale du Grand Amiénois' }).click();
      await admin.waitForURL(/\/financeur\/prescripteurs\/[0-9a-f-]{36}$/);
      await expect
        .poll(
          () => admin.getByRole('heading', { level: 1, name: 'Mission locale du Grand Amiénois' }).count(),
          { timeout: 20_000 },
        )
        .toBe(1);
      expect(await admin.getByText('Sarah Benali (prescripteur@hautsdefrance.test)').count()).toBe(1);
      await expectAccessible(admin, 'prescriber page');
      const held = admin.getByRole('table', { name: /carnets? détenus?$/ });
      const serial = (await held.getByRole('rowheader').first().textContent())!.trim();
      const before = await held.getByRole('rowheader').count();
      // Each booklet says its programme: last year's and next year's would look alike.
      await expect
        .poll(() => held.getByRole('row').filter({ hasText: serial }).textContent(), { timeout: 20_000 })
        .toContain('campagne 2026');

      // One booklet taken back, after a confirmation.
      // DSFR draws the box on the label, which takes the click.
      await admin.locator(`label[for="reprendre-${serial}"]`).click();
      expect(await admin.getByLabel(`Choisir le carnet ${serial}`).isChecked()).toBe(true);
      await admin.getByRole('button', { name: 'Reprendre le carnet choisi' }).click();
      await expectAccessible(admin, 'prescriber page asking to confirm');
      await admin.getByRole('button', { name: 'Oui, reprendre' }).click();
      await expect
        .poll(() => admin.getByText('1 carnet repris au stock du financeur').count(), { timeout: 20_000 })
        .toBe(1);
      await expect.poll(() => held.getByRole('rowheader').count(), { timeout: 20_000 }).toBe(before - 1);
      expect(await held.getByRole('rowheader', { name: serial }).count()).toBe(0);

      await admin.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(admin, 'prescriber page at 360 px');
      await admin.goto(`${j.baseUrl}/financeur/prescripteurs`);
      await expect
        .poll(() => admin.getByRole('link', { name: 'Collège des Remparts (démo)' }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await expectAccessible(admin, 'prescribers page at 360 px');
    },
    // Two pages, two files and a take-back: a longer journey than most.
    2 * JOURNEY_MS,
  );
});
