import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPlaces } from '../src/modules/place-standard/fixtures/generate.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

const FIXTURE = path.resolve('src/modules/place-standard/fixtures/reseau-meuse.csv');

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/** Issue 11, point 6: a funder imports a regional network's file of places from the web app. */
describe.runIf(hasBrowser)('a funder admin imports places in the national standard', () => {
  it(
    'checks the file (report line by line, nothing written), imports it, and follows the progress to the counts',
    async () => {
      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'financeur@hautsdefrance.test');
      await admin.waitForURL(/\/financeur$/);
      await admin.getByRole('link', { name: 'Lieux', exact: true }).click();
      await admin.getByRole('link', { name: 'Import de lieux', exact: true }).click();
      await admin.waitForURL(/\/financeur\/lieux\/import$/);
      await expectAccessible(admin, 'place import page');

      await admin.getByLabel('Fichier des lieux').setInputFiles(FIXTURE);
      await admin.getByRole('button', { name: 'Vérifier le fichier (simulation)' }).click();
      const counts = admin.getByTestId('import-counts');
      await expect.poll(() => counts.count(), { timeout: 30_000 }).toBe(1);
      expect(await counts.textContent()).toContain('5 lieux à créer');
      expect(await counts.textContent()).toContain('7 lignes rejetées');
      await expect
        .poll(() => admin.getByText('Rapport de la simulation (rien n’est enregistré)').count())
        .toBe(1);
      const row5 = admin.getByRole('row').filter({ hasText: 'Nom du lieu (colonne « nom ») manquant' });
      expect(await row5.count()).toBe(1);
      await expectAccessible(admin, 'place import dry-run report');

      await admin.getByRole('button', { name: 'Importer les lieux' }).click();
      await expect.poll(() => admin.getByText('Rapport de l’import').count(), { timeout: 30_000 }).toBe(1);
      expect(await admin.getByText('Import terminé : 12 lignes traitées').count()).toBe(1);
      expect(await counts.textContent()).toContain('5 lieux créés');
      await expectAccessible(admin, 'place import report');

      // A larger file: the progress bar moves to its end while the server works through it.
      await admin.getByLabel('Fichier des lieux').setInputFiles({
        name: 'reseau-genere.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(generatedPlaces(1500, 500_000)),
      });
      await admin.getByRole('button', { name: 'Vérifier le fichier (simulation)' }).click();
      await expect.poll(() => counts.textContent(), { timeout: 60_000 }).toContain('1500 lieux à créer');
      await admin.getByRole('button', { name: 'Importer les lieux' }).click();
      await expect.poll(() => counts.textContent(), { timeout: 60_000 }).toContain('1500 lieux créés');
      expect(await admin.locator('progress').getAttribute('value')).toBe(
        await admin.locator('progress').getAttribute('max'),
      );

      await admin.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(admin, 'place import report at 360 px');
    },
    JOURNEY_MS * 2,
  );
});
