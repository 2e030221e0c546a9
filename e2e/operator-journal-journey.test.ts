import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  expectTableFits,
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

/*
 * The helpdesk asked « qui a annulé cet encaissement chez la Région ? »: the operator opens the
 * funder's journal from the funders' list, as the funder's team reads it, instead of the API.
 */
describe.runIf(hasBrowser)('the operator reads a funder’s journal', () => {
  it(
    'opens it from the funders’ list, filters it by action, and downloads that funder’s entries',
    async () => {
      const {
        rows: [region],
      } = await j.t.database.pool.query(`SELECT id FROM funders WHERE name = 'Région Hauts-de-France'`);
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      const journalLink = page.getByRole('link', {
        name: 'Journal des actions de « Région Hauts-de-France »',
      });
      // The row's three actions side by side at a laptop's width, and every one in sight at 320 px.
      const row = page.getByRole('row').filter({ has: journalLink });
      const actions = [
        row.getByRole('button', { name: /^Équipe et invitations/ }),
        row.getByRole('button', { name: /^Identité de/ }),
        journalLink,
      ];
      await journalLink.waitFor();
      const tops = await Promise.all(actions.map(async (a) => (await a.boundingBox())!.y));
      for (const top of tops) expect(Math.abs(top - tops[0]!)).toBeLessThan(4);
      await expectTableFits(page.getByRole('table', { name: /financeurs?$/ }), 'funders at 1280 px');
      await page.setViewportSize({ width: 320, height: 780 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      for (const a of actions) {
        const box = (await a.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(320);
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      await journalLink.click();
      await page.waitForURL(new RegExp(`/admin/financeurs/${region.id}/journal$`));
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Journal de Région Hauts-de-France');
      expect(await page.title()).toBe('Journal de Région Hauts-de-France — Pass numérique');
      expect(await page.getByText(/telles que son équipe les lit/).count()).toBe(1);
      // The funder's chain is the platform's: the operator checks it from the command line.
      expect(await page.getByRole('button', { name: /intégrité/i }).count()).toBe(0);

      const journal = page.getByRole('table', { name: /Journal des actions/ });
      await expect.poll(() => journal.locator('tbody tr').count()).toBeGreaterThan(0);
      await expectAccessible(page, 'a funder’s journal read by the operator');

      await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Émission de carnets' });
      await page.getByRole('button', { name: 'Filtrer' }).click();
      // The demo's issues of booklets for the Région, and nothing else.
      await expect
        .poll(async () => new Set(await journal.locator('tbody tr td:nth-child(3)').allTextContents()))
        .toEqual(new Set(['Émission de carnets']));
      expect(await journal.textContent()).toMatch(/Dispositif : Pass numériques Hauts-de-France/);

      const csv = page.getByRole('link', { name: /Télécharger ces entrées/ });
      const href = (await csv.getAttribute('href'))!;
      expect(href).toBe(`/api/v1/funders/${region.id}/audit.csv?action=passes.issue`);
      const body = await page.evaluate(async (url) => {
        const res = await fetch(url);
        return { status: res.status, text: await res.text() };
      }, href);
      expect(body.status).toBe(200);
      const lines = body.text.trim().split('\r\n').slice(1);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/;Émission de carnets;/);

      await page.setViewportSize({ width: 320, height: 780 });
      await expectAccessible(page, 'a funder’s journal read by the operator at 320 px');
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByRole('link', { name: 'Retour à l’administration' }).click();
      await page.waitForURL(/\/admin$/);
    },
    JOURNEY_MS,
  );

  it(
    'is told in French when the funder is not one, with the way back',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      await page.goto(`${j.baseUrl}/admin/financeurs/00000000-0000-4000-8000-000000000000/journal`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Financeur introuvable');
      expect(await page.getByRole('link', { name: 'Retour à l’administration' }).count()).toBe(1);
      expect(await page.getByRole('table').count()).toBe(0);
      await expectAccessible(page, 'an unknown funder’s journal');
    },
    JOURNEY_MS,
  );

  it(
    'stays the operator’s: a funder’s admin is sent away from it',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      const {
        rows: [region],
      } = await j.t.database.pool.query(`SELECT id FROM funders WHERE name = 'Région Hauts-de-France'`);
      await page.goto(`${j.baseUrl}/admin/financeurs/${region.id}/journal`);
      await page.waitForURL((url) => !url.pathname.startsWith('/admin'));
    },
    JOURNEY_MS,
  );
});
