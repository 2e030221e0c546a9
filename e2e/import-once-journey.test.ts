import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const PLACES = path.resolve('src/modules/place-standard/fixtures/reseau-meuse.csv');

/** The requests of `page` that `sent` recognises, as they go out. */
function countRequests(page: Page, sent: (r: Request) => boolean): { readonly count: number } {
  const seen = { count: 0 };
  page.on('request', (r) => {
    if (sent(r)) seen.count++;
  });
  return seen;
}

async function funderAdmin(): Promise<Page> {
  const page = await j.newPage();
  await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
  await page.waitForURL(/\/financeur$/);
  return page;
}

/**
 * A programme officer double-clicks the button that imports a file: one import goes out, and
 * the page reports what it created (it said « 0 prescripteur importé » after a second import).
 */
describe.runIf(hasBrowser)('an import is sent once, however the button is clicked', () => {
  it(
    'a double click on « Importer 2 prescripteurs » sends one import and reports both prescribers imported',
    async () => {
      const admin = await funderAdmin();
      const imports = countRequests(
        admin,
        (r) =>
          r.method() === 'POST' &&
          /\/prescribers\/imports$/.test(r.url()) &&
          (r.postDataJSON() as { dryRun?: boolean }).dryRun === false,
      );
      await admin.goto(`${j.baseUrl}/financeur/prescripteurs`);
      await admin.getByLabel('Fichier des prescripteurs').setInputFiles({
        name: 'prescripteurs.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'Nom,Type,SIRET,Commune,Code postal\nCCAS de Péronne,CCAS,,Péronne,80200\nFrance Travail Abbeville,France Travail,,Abbeville,80100\n',
        ),
      });
      const button = admin.getByRole('button', { name: 'Importer 2 prescripteurs' });
      await expect.poll(() => button.count(), { timeout: 20_000 }).toBe(1);

      await button.dblclick();
      await expect
        .poll(() => admin.getByRole('heading', { name: '2 prescripteurs importés' }).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      expect(await admin.getByText('0 ligne déjà enregistrée, 0 ligne refusée').count()).toBe(1);
      expect(imports.count).toBe(1);
      const rows = admin.getByRole('table', { name: /^Import de « prescripteurs\.csv »/ }).getByRole('row');
      expect(await rows.filter({ hasText: 'Créé' }).count()).toBe(2);
    },
    JOURNEY_MS,
  );

  it(
    'a double click on « Importer les lieux » starts one import, which says « Import terminé »',
    async () => {
      const admin = await funderAdmin();
      const started = (dryRun: boolean) =>
        countRequests(
          admin,
          (r) => r.method() === 'POST' && new RegExp(`/place-imports\\?(.*&)?dryRun=${dryRun}`).test(r.url()),
        );
      const checks = started(true);
      const imports = started(false);
      await admin.goto(`${j.baseUrl}/financeur/lieux/import`);
      await admin.getByLabel('Fichier des lieux').setInputFiles(PLACES);
      await admin.getByRole('button', { name: 'Vérifier le fichier (simulation)' }).dblclick();
      await expect
        .poll(() => admin.getByText('Vérification terminée : 12 lignes traitées', { exact: true }).count(), {
          timeout: 30_000,
        })
        .toBe(1);
      expect(checks.count).toBe(1);
      expect(await admin.getByRole('status').filter({ hasText: 'Vérification terminée.' }).count()).toBe(1);

      await admin.getByRole('button', { name: 'Importer les lieux' }).dblclick();
      await expect.poll(() => admin.getByText('Rapport de l’import').count(), { timeout: 30_000 }).toBe(1);
      expect(imports.count).toBe(1);
      expect(await admin.getByText('Import terminé : 12 lignes traitées', { exact: true }).count()).toBe(1);
      expect(await admin.getByRole('status').filter({ hasText: 'Import terminé.' }).count()).toBe(1);
      expect(await admin.getByTestId('import-counts').textContent()).toContain('5 lieux créés');
    },
    JOURNEY_MS,
  );
});
