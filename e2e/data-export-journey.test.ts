import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a funder takes all its data away', () => {
  it(
    'downloads one archive of its records from its settings, is told when the hour’s are used up; a viewer is told to ask an admin',
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
      // Done: nothing said to be in progress any more.
      await expect.poll(() => section.getByRole('status').textContent()).toBe('');

      // Each archive counts against the route's six an hour: the seventh is refused, and the
      // page says so in French, with the wait, instead of saving the refusal as a « .zip ».
      const href = await link.getAttribute('href');
      for (let i = 0; i < 5; i++) expect((await admin.request.get(`${j.baseUrl}${href}`)).status()).toBe(200);
      let saved = false;
      admin.on('download', () => {
        saved = true;
      });
      await link.click();
      const refusal = section.getByText(
        /Ce fichier a déjà été demandé plusieurs fois : réessayez dans \d+ minutes\./,
      );
      await expect.poll(() => refusal.count()).toBe(1);
      expect(saved).toBe(false);
      await expectAccessible(admin, 'the archive refused for the hour');

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
