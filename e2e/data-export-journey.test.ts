import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a funder takes all its data away', () => {
  it(
    'downloads one archive of its records from its settings; a viewer is told to ask an admin',
    async () => {
      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'financeur@hautsdefrance.test');
      await admin.waitForURL(/\/financeur$/);
      await admin.goto(`${j.baseUrl}/financeur/parametres`);
      const section = admin.getByRole('region', { name: 'Toutes les données du financeur' });
      const link = section.getByRole('link', { name: /Télécharger toutes les données/ });
      await expect.poll(() => link.count()).toBe(1);
      const [download] = await Promise.all([admin.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/^donnees-region-hauts-de-france-\d{4}-\d{2}-\d{2}\.zip$/);
      const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
      expect(Object.keys(files)).toContain('encaissements.csv');
      // The demo's first beneficiary, by name, as the funder recorded her.
      expect(strFromU8(files['beneficiaires.csv']!)).toContain(';Dupont;Jeannine;1951-03-14;Amiens;');
      // And the page is still the settings page: the router did not take the link over.
      expect(admin.url()).toBe(`${j.baseUrl}/financeur/parametres`);

      const viewer = await j.newPage();
      await logIn(viewer, j.baseUrl, 'lecteur@hautsdefrance.test');
      await viewer.waitForURL(/\/financeur$/);
      await viewer.goto(`${j.baseUrl}/financeur/parametres`);
      const read = viewer.getByRole('region', { name: 'Toutes les données du financeur' });
      await expect
        .poll(() => read.getByText('Seuls les administrateurs du financeur peuvent les télécharger.').count())
        .toBe(1);
      expect(await read.getByRole('link').count()).toBe(0);
    },
    JOURNEY_MS,
  );
});
