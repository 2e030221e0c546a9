import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPlaces } from '../src/modules/place-standard/fixtures/generate.js';
import { recordsOf } from '../src/modules/place-standard/read.js';
import * as placeStandard from '../src/modules/place-standard/service.js';
import { demoCampaign } from '../src/test/circulation.js';
import {
  chooseSuggestion,
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
  if (!hasBrowser) return;
  j = await startJourney();
  const c = await demoCampaign(j.t);
  const imported = await placeStandard.importPlaces(j.t.database.db, null, c.funderId, {
    records: recordsOf(Readable.from([Buffer.from(generatedPlaces(250))]), 'csv'),
    dryRun: false,
    defaultSource: 'test',
  });
  expect(imported.counts.created).toBe(250);
});
afterAll(() => j?.close());

/**
 * A funder with many places (a national operator's funders hold thousands): its list of places
 * opens with the first hundred and a search, and the form to add a place is reached from the
 * top of the page, not under thousands of rows.
 */
describe.runIf(hasBrowser)('a funder’s list of many places', () => {
  it(
    'shows a hundred places at a time, finds one by name or commune, and links to the form to add one',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/lieux`);
      const table = page.getByRole('table');
      await expect
        .poll(() => table.locator('caption').textContent())
        .toMatch(/^2\d\d lieux, les 100 premiers affichés$/);
      const total = Number((await table.locator('caption').textContent())!.slice(0, 3));
      expect(await table.locator('tbody tr').count()).toBe(100);

      await page.getByRole('button', { name: /^Afficher 100 lieux de plus/ }).click();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(200);
      await page
        .getByRole('button', { name: `Afficher ${total - 200} lieux de plus (${total - 200} non affichés)` })
        .click();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(total);
      await expect.poll(() => table.locator('caption').textContent()).toBe(`${total} lieux`);
      expect(await page.getByRole('button', { name: /de plus/ }).count()).toBe(0);

      await page.getByLabel('Rechercher un lieu').fill('médiation numérique n° 137');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      expect(await table.locator('tbody tr').textContent()).toContain('Lieu de médiation numérique n° 137');
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'sur' }).textContent())
        .toBe(`1 lieu sur ${total}`);
      await expectAccessibleAtBothWidths(page, 'funder’s places, searched');

      await page.getByRole('link', { name: 'Ajouter un lieu' }).click();
      await expect.poll(() => page.getByLabel('Nom du lieu').isVisible()).toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    },
    JOURNEY_MS,
  );

  it(
    'adds a place of the platform found by its name, and is told of a near duplicate or another place’s SIRET',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/lieux`);

      // Another funder's place, found by its name typed without accents nor capitals.
      await page
        .getByRole('textbox', { name: 'Lieu déjà sur la plateforme', exact: true })
        .fill('mediatheque etain');
      await page.getByRole('button', { name: 'Chercher le lieu' }).click();
      const found = page.getByTestId('platform-places').getByRole('listitem');
      await expect.poll(() => found.count()).toBe(1);
      expect(await found.textContent()).toContain("Médiathèque d'Étain — Étain — SIRET 84525500100016");
      await expectAccessible(page, 'places of the platform, searched');
      await found.getByRole('button', { name: /^Ajouter à vos lieux/ }).click();
      await expect.poll(() => page.getByText("Lieu « Médiathèque d'Étain » ajouté").count()).toBe(1);
      await expect.poll(() => found.textContent()).toContain('déjà dans vos lieux');

      // The same place typed anew, under another SIRET: refused, naming it; created only if confirmed.
      await page.getByLabel('Nom du lieu').fill('Mediatheque d’Etain');
      await page.getByLabel('SIRET du lieu').fill('215 501 810 00018');
      await chooseSuggestion(page, 'Commune du lieu', 'Étain', /^Étain \(55400\) — commune$/);
      await page.getByRole('button', { name: 'Ajouter le lieu' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'nom proche' });
      await expect.poll(() => refusal.count()).toBe(1);
      expect(await refusal.textContent()).toContain('« Médiathèque d’Étain » (Étain)');
      await expect
        .poll(() => page.getByLabel('C’est un autre lieu que celui de la plateforme : le créer').count())
        .toBe(1);
      await expectAccessible(page, 'a new place close to one of the platform, refused');

      // A SIRET that is another place's, far away: refused, naming that place, which may be added.
      await page.getByLabel('Nom du lieu').fill('Médiathèque');
      await page.getByLabel('SIRET du lieu').fill('84512300100016');
      await page.getByRole('button', { name: 'Ajouter le lieu' }).click();
      const other = page.getByRole('alert').filter({ hasText: 'Ce SIRET est celui du lieu' });
      await expect.poll(() => other.count()).toBe(1);
      expect(await other.textContent()).toContain('« Médiathèque Louis Aragon » (Amiens)');
      await expect
        .poll(() =>
          page
            .getByTestId('named-places')
            .getByRole('button', { name: /^Ajouter ce lieu/ })
            .count(),
        )
        .toBe(1);
      const duplicates = await j.t.database.pool.query(
        "SELECT count(*)::int AS n FROM organisations WHERE kind = 'place' AND commune_code = '55181'",
      );
      expect(duplicates.rows[0].n).toBe(1);

      // That place runs its own team: its page does not offer to invite its admin.
      await page.getByLabel('Rechercher un lieu').fill('Louis Aragon');
      await page.getByRole('link', { name: 'Médiathèque Louis Aragon', exact: true }).click();
      await page.waitForURL(/\/financeur\/lieux\/[0-9a-f-]{36}$/);
      await expect
        .poll(() => page.getByText('Ce lieu a déjà un administrateur : c’est lui qui invite').count())
        .toBe(1);
      expect(await page.getByRole('button', { name: 'Créer l’invitation' }).count()).toBe(0);
    },
    JOURNEY_MS,
  );
});
