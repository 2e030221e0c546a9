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
      // The map's places are buttons (their names); its zoom is not printed.
      const buttons = page.getByRole('button').filter({ visible: true });
      expect(await buttons.and(page.locator(':not(.leaflet-marker-icon)')).count()).toBe(0);
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

  it(
    'maps the places of the period, each with its sessions, a legend and a list, tiles or not',
    async () => {
      // No network in tests: every tile fails, and the map must still say what it shows.
      const page = await j.newPage();
      await page.route('https://tile.openstreetmap.org/**', (route) => route.abort());
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
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
      const sessions = Number(await page.getByTestId('bilan-seances').textContent());
      const topPlaces = page.getByRole('table', {
        name: /^Les lieux des séances|lieux aux séances les plus/,
      });
      const placeRows = await topPlaces.locator('tbody tr').evaluateAll((rows) =>
        rows.map((r) => ({
          name: r.querySelector('th')!.textContent!,
          sessions: Number(r.querySelector('td:last-child')!.textContent!.replace(/\s/g, '')),
        })),
      );
      expect(placeRows.length).toBeGreaterThan(1);

      // One disc per place, its number of sessions written on it, the busiest the largest.
      const map = page.getByRole('figure', { name: 'Carte des lieux des séances de la période' });
      await poll(() => map.count()).toBe(1);
      const discs = map.locator('[data-testid="carte-bilan"] .pn-map-count');
      await poll(() => discs.count(), { timeout: 20_000 }).toBe(placeRows.length);
      const drawn = await discs.evaluateAll((all) =>
        all.map((d) => ({
          label: d.getAttribute('aria-label')!,
          number: Number(d.textContent!.replace(/\s/g, '')),
          width: d.getBoundingClientRect().width,
          shown: d.getBoundingClientRect().height > 0,
        })),
      );
      for (const place of placeRows) {
        const disc = drawn.find((d) => d.label.startsWith(`${place.name} (`));
        expect(disc, place.name).toBeDefined();
        expect(disc!.number, place.name).toBe(place.sessions);
        expect(disc!.label).toMatch(new RegExp(` : ${place.sessions} séances?$`));
        expect(disc!.shown, place.name).toBe(true);
      }
      expect(drawn.reduce((t, d) => t + d.number, 0)).toBe(sessions);
      const bySize = [...drawn].sort((a, b) => a.width - b.width);
      expect(bySize.at(-1)!.number).toBe(Math.max(...drawn.map((d) => d.number)));
      expect(bySize[0]!.width).toBeLessThan(bySize.at(-1)!.width);

      // Its legend and its list, beside the map.
      const legend = map.getByTestId('legende-carte-bilan');
      expect(await legend.textContent()).toContain(
        'Légende : chaque disque est un lieu ; le nombre écrit dessus est celui de ses séances pendant la période',
      );
      expect(await legend.isVisible()).toBe(true);
      await map.getByText(`Les ${placeRows.length} lieux de la carte, en liste`).click();
      const list = map.getByTestId('liste-carte-bilan').getByRole('listitem');
      expect((await list.allTextContents()).length).toBe(placeRows.length);
      expect((await list.allTextContents())[0]).toMatch(/^.+ \(.+\) : \d+ séances?$/);
      await expectAccessible(page, 'Bilan with its map');
    },
    JOURNEY_MS,
  );

  it(
    'writes a place’s name on the map as its text, markup included, never as markup',
    async () => {
      // A place's admin chooses its name; the funder's map must not draw a link out of it.
      const name = 'Médiathèque <a href="https://evil.example/">Session expirée</a>';
      const renamed = await j.t.database.pool.query(
        `UPDATE organisations SET name = $1
          WHERE id = (SELECT place_id FROM redemptions
                       WHERE redeemed_at >= '2026-04-01' AND redeemed_at < '2026-07-01' LIMIT 1)`,
        [name],
      );
      expect(renamed.rowCount).toBe(1);
      const page = await secondQuarterBilan();
      const discs = page.locator('[data-testid="carte-bilan"] .pn-map-count');
      await poll(() => discs.count(), { timeout: 20_000 }).toBeGreaterThan(1);
      const labels = await discs.evaluateAll((all) => all.map((d) => d.getAttribute('aria-label') ?? ''));
      const index = labels.findIndex((label) => label.startsWith(`${name} (`));
      expect(index, labels.join(' | ')).toBeGreaterThanOrEqual(0);
      await discs.nth(index).hover();
      const tooltip = page.locator('.leaflet-tooltip');
      await poll(() => tooltip.count()).toBe(1);
      expect((await tooltip.textContent())!.startsWith(`${name} (`)).toBe(true);
      expect(await tooltip.locator('a').count()).toBe(0);
    },
    JOURNEY_MS,
  );
});
