import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfWords } from '../src/test/pdf.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * A Région's director prepares a presentation for elected officials who would rather look than
 * read: the programme's Bilan shows its sessions as charts, and prints as a report on paper.
 */

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const poll = expect.poll;

/** The Bilan of the demo campaign's second quarter, as its funder's viewer opens it. */
async function secondQuarterBilan(): Promise<Page> {
  const page = await j.newPage();
  await logIn(page, j.baseUrl, 'lecteur@hautsdefrance.test');
  await page.waitForURL(/\/financeur$/);
  await page.getByRole('link', { name: /campagne 2026/ }).click();
  await page.getByRole('link', { name: 'Bilan de la période' }).click();
  await page.waitForURL(/\/financeur\/programmes\/[^/]+\/bilan$/);
  await page.getByLabel('Du', { exact: true }).fill('2026-04-01');
  await page.getByLabel('Au (inclus)', { exact: true }).fill('2026-06-30');
  await page.getByRole('button', { name: 'Afficher le bilan de cette période' }).click();
  await poll(() => page.getByTestId('bilan-periode').textContent()).toBe(
    'Bilan du 1er avril 2026 au 30 juin 2026.',
  );
  return page;
}

/** The sessions a chart's bars say, added up (« 3 séances », « 1 séance »). */
async function barsTotal(page: Page, chart: string): Promise<number> {
  const figure = page.locator('figure', { has: page.getByRole('img', { name: new RegExp(`^${chart} : `) }) });
  const values = await figure.locator('.pn-chart__value').allTextContents();
  for (const v of values) expect(v).toMatch(/^[\d\s\u202f]+ séances?$/);
  return values.reduce((t, v) => t + Number(v.replace(/[^\d]/g, '')), 0);
}

describe.runIf(hasBrowser)('the Bilan for people who would rather look than read', () => {
  it(
    'shows the sessions by theme and by département as bar charts, each read aloud as a sentence',
    async () => {
      const page = await secondQuarterBilan();
      const sessions = Number(await page.getByTestId('bilan-seances').textContent());
      expect(sessions).toBeGreaterThan(0);

      // By theme: the nine services of the national standard, in French, each with its unit.
      const themes = page.getByRole('img', { name: /^Séances par thème : / });
      await poll(() => themes.count()).toBe(1);
      expect(await themes.getAttribute('aria-label')).toMatch(
        /^Séances par thème : .*Aide aux démarches administratives, \d+ séances?.*\.$/,
      );
      expect(await page.getByText('Séances par thème (données détaillées dans le tableau).').count()).toBe(1);
      expect(await barsTotal(page, 'Séances par thème')).toBe(sessions);

      // By the place's département, beside its table.
      const departements = page.getByRole('img', { name: /^Séances par département du lieu : / });
      await poll(() => departements.count()).toBe(1);
      expect(await departements.getAttribute('aria-label')).toMatch(/Somme \(80\), \d+ séances?/);
      expect(await barsTotal(page, 'Séances par département du lieu')).toBe(sessions);
      expect(await page.getByRole('table', { name: 'Séances par département du lieu' }).count()).toBe(1);
      await expectAccessible(page, 'Bilan with its charts');
    },
    JOURNEY_MS,
  );

  it(
    'prints on A4 as a report: no form, button or download, headings with what follows, figures right-aligned',
    async () => {
      const page = await secondQuarterBilan();
      // On screen: the figures of a table right-aligned, under a right-aligned header.
      const bySessions = page.getByRole('table', { name: 'Séances par département du lieu' });
      const align = (cell: string) =>
        bySessions
          .locator(cell)
          .first()
          .evaluate((el) => getComputedStyle(el).textAlign);
      expect(await align('thead th:nth-of-type(3)')).toBe('right');
      expect(await align('tbody td')).toBe('right');
      expect(await align('tbody th')).toBe('left');

      await page.emulateMedia({ media: 'print' });
      const controls = [
        page.getByRole('button', { name: 'Afficher le bilan de cette période' }),
        page.getByLabel('Du', { exact: true }),
        page.getByRole('link', { name: 'Télécharger le bilan (PDF)' }),
        page.getByRole('link', { name: 'Télécharger les chiffres (CSV)' }),
        page.locator('.fr-breadcrumb'),
      ];
      for (const control of controls) expect(await control.isVisible(), String(control)).toBe(false);
      expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);
      expect(await page.getByRole('heading', { level: 1, name: 'Bilan de la période' }).isVisible()).toBe(
        true,
      );
      expect(await page.getByTestId('bilan-periode').isVisible()).toBe(true);
      expect(await align('tbody td')).toBe('right');
      const heading = page.getByRole('heading', { level: 3, name: 'Par mois' });
      expect(await heading.evaluate((el) => getComputedStyle(el).breakAfter)).toBe('avoid');
      expect(
        await bySessions
          .locator('tbody tr')
          .first()
          .evaluate((el) => getComputedStyle(el).breakInside),
      ).toBe('avoid');

      // On paper, as Chromium prints it: no control, and no page ending on a heading.
      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      if (process.env.KEEP_PRINT) fs.writeFileSync(process.env.KEEP_PRINT, pdf);
      const words = pdfWords(pdf);
      const text = words.map((w) => w.text).join(' ');
      expect(text).toContain('Séances par département du lieu');
      for (const control of ['Télécharger', 'Afficher le bilan', 'Dernier trimestre complet'])
        expect(text, control).not.toContain(control);
      const headings = (await page.locator('.pn-report').getByRole('heading').allTextContents()).map((h) =>
        h.replace(/\s+/g, ' ').trim(),
      );
      const pages = Math.max(...words.map((w) => w.page));
      expect(pages).toBeGreaterThan(1);
      for (let n = 1; n < pages; n++) {
        const onPage = words.filter((w) => w.page === n);
        const lastLine = Math.max(...onPage.map((w) => w.yMin));
        const line = onPage
          .filter((w) => Math.abs(w.yMin - lastLine) < 2)
          .map((w) => w.text)
          .join(' ');
        expect(headings, `the foot of page ${n}: « ${line} »`).not.toContain(line);
      }
    },
    JOURNEY_MS,
  );

  it(
    'leads from the places and from the Bilan to the places in the national standard, said in a sentence',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lecteur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Lieux', exact: true })
        .click();
      await page.waitForURL(/\/financeur\/lieux$/);
      const section = page.getByRole('region', { name: 'Vos lieux au standard national' });
      await poll(() => section.count()).toBe(1);
      expect(await section.textContent()).toContain('standard national des lieux de médiation numérique');
      const csv = section.getByRole('link', { name: 'Télécharger vos lieux au standard national (CSV)' });
      const href = await csv.getAttribute('href');
      expect(href).toMatch(/^\/api\/v1\/public\/funders\/[0-9a-f-]{36}\/places\.csv$/);
      const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
      const file = await fs.promises.readFile((await download.path())!, 'utf8');
      expect(file.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/^"?id"?[;,]"?pivot"?[;,]"?nom"?/);
      expect(file).toContain('Médiathèque');
      const json = section.getByRole('link', { name: 'Télécharger vos lieux au standard national (JSON)' });
      const places = await (await page.request.get(`${j.baseUrl}${await json.getAttribute('href')}`)).json();
      expect(places.length).toBeGreaterThan(0);
      await expectAccessible(page, 'places, with their export in the national standard');

      // The Bilan, under its places: the same export.
      const bilan = await secondQuarterBilan();
      const onBilan = bilan.getByRole('region', { name: 'Vos lieux au standard national' });
      await poll(() => onBilan.count()).toBe(1);
      expect(
        await onBilan
          .getByRole('link', { name: 'Télécharger vos lieux au standard national (CSV)' })
          .getAttribute('href'),
      ).toBe(href);
    },
    JOURNEY_MS,
  );
});
