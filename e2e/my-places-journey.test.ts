import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import {
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

/**
 * Karim Haddad mediates at the Médiathèque and runs the Centre social: he read them one at a
 * time, changing place at the top of each page. « Mes lieux » puts them side by side, and a
 * place's name takes him to its statements, working for it.
 */
describe.runIf(hasBrowser)('« Mes lieux »', () => {
  it(
    'shows both places with the role at each, the totals and the CSV, and a place’s link switches to it',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'mediateur@hautsdefrance.test');
      await page.waitForURL(/\/lieu$/);
      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Mes lieux' })
        .click();
      await page.waitForURL(/\/lieu\/mes-lieux$/);
      await page.getByRole('heading', { level: 1, name: 'Mes lieux' }).waitFor();
      const table = page.getByRole('table');
      const rows = table.getByRole('row');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);
      const centre = rows.filter({ hasText: 'Centre social' });
      const media = rows.filter({ hasText: 'Médiathèque Louis Aragon' });
      expect(await centre.getByText('Administrateur du lieu').count()).toBe(1);
      expect(await media.getByText('Accueil et encaissement des pass').count()).toBe(1);
      expect(await rows.filter({ hasText: 'Total (2 lieux)' }).count()).toBe(1);
      await expectAccessibleAtBothWidths(page, 'Mes lieux');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Télécharger le tableau (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`mes-lieux-${businessDate()}.csv`);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      const lines = csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toMatch(/^Lieu;Commune;Votre rôle;Dû \(€\);Dû par financeur;Relevés de /);
      expect(lines).toHaveLength(4);
      expect(lines.some((l) => l.startsWith('Centre social') && l.includes(';Administrateur du lieu;'))).toBe(
        true,
      );
      expect(lines[3]).toMatch(/^Total \(2 lieux\);/);

      // The Médiathèque's name: working for it now, on its statements.
      await media.getByRole('link', { name: 'Médiathèque Louis Aragon' }).click();
      await page.waitForURL(/\/lieu\/releves$/);
      await page.getByRole('heading', { level: 1, name: 'Relevés' }).waitFor();
      // The statements page names the place it works for under its title.
      await page.locator('p', { hasText: /^Médiathèque Louis Aragon$/ }).waitFor();
      const { rows: found } = await j.t.database.pool.query(
        `SELECT id FROM organisations WHERE name = 'Médiathèque Louis Aragon'`,
      );
      expect(await page.evaluate(() => window.localStorage.getItem('pn.agit-pour.place'))).toBe(found[0].id);
    },
    JOURNEY_MS,
  );

  it(
    'is not offered to a person of one place',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu$/);
      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Encaisser' })
        .waitFor();
      expect(
        await page
          .getByRole('navigation', { name: 'Menu principal' })
          .getByRole('link', { name: 'Mes lieux' })
          .count(),
      ).toBe(0);
    },
    JOURNEY_MS,
  );
});
