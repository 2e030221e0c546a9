import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate, frenchDate } from '../src/core/dates.js';
import { signIn } from '../src/test/app.js';
import { demoCampaign, handedOutBooklets, redeemCodes } from '../src/test/circulation.js';
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

describe.runIf(hasBrowser)('a place’s unusual day on the funder’s dashboard', () => {
  it(
    'shows the day a place redeemed thirty passes, against its usual, and leads to the place',
    async () => {
      // The place's software redeems thirty passes today (a place's usual day is one or two).
      const c = await demoCampaign(j.t);
      const placeId = c.organisations['Médiathèque Louis Aragon']!;
      const { codes } = await handedOutBooklets(j.t, c, 3);
      const place = await signIn(j.t.app, 'lieu@hautsdefrance.test');
      await redeemCodes(place, placeId, codes, 'journey-unusual');

      const funder = await j.newPage();
      await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
      await funder.waitForURL(/\/financeur$/);
      await funder.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/tableau-de-bord`);
      const section = funder.getByRole('region', { name: 'Journées inhabituelles' });
      const row = section.getByTestId('dashboard-unusual-day');
      await expect.poll(() => row.count()).toBe(1);
      const cells = await row.locator('td, th').allTextContents();
      expect(cells[0]).toBe(frenchDate(businessDate()));
      expect(cells[1]).toBe('Médiathèque Louis Aragon');
      expect(Number(cells[2]!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(codes.length);
      await expectAccessibleAtBothWidths(funder, 'dashboard, an unusual day');

      await row.getByRole('link', { name: 'Médiathèque Louis Aragon' }).click();
      await funder.waitForURL(new RegExp(`/financeur/lieux/${placeId}$`));
      await expect
        .poll(() => funder.getByRole('heading', { level: 1, name: /Médiathèque Louis Aragon/ }).count())
        .toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'lets the funder’s admin raise the threshold from the dashboard, for a place’s workshops, and the day is usual',
    async () => {
      // The day of the test before: thirty passes or more at the Médiathèque today.
      const c = await demoCampaign(j.t);
      const funder = await j.newPage();
      await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
      await funder.waitForURL(/\/financeur$/);
      const dashboard = `${j.baseUrl}/financeur/programmes/${c.programId}/tableau-de-bord`;
      await funder.goto(dashboard);
      const section = funder.getByRole('region', { name: 'Journées inhabituelles' });
      await expect.poll(() => section.getByTestId('dashboard-unusual-day').count()).toBe(1);
      const count = Number(
        (await section.getByTestId('dashboard-unusual-day').locator('td').nth(1).textContent())!.replace(
          /\D/g,
          '',
        ),
      );
      expect(await section.textContent()).toContain(
        'au moins 20 pass de ce dispositif, et plus de trois fois',
      );

      await section.getByRole('link', { name: 'paramètres du financeur' }).click();
      await funder.waitForURL(/\/financeur\/parametres#journees-inhabituelles$/);
      const settings = funder.getByRole('region', { name: 'Journées inhabituelles' });
      // The link lands on the section, far down the page, its heading focused: not at the top.
      const heading = settings.getByRole('heading', { name: 'Journées inhabituelles' });
      const landed = async () => {
        await expect.poll(() => heading.evaluate((h) => document.activeElement === h)).toBe(true);
        await expect
          .poll(() =>
            heading.evaluate((h) => {
              // At the top of the window (scrolled to « start », give or take a subpixel).
              const { top } = h.getBoundingClientRect();
              return top > -1 && top < window.innerHeight / 2 && window.scrollY > 0;
            }),
          )
          .toBe(true);
      };
      await landed();
      // Again, the settings already loaded: drawn with the page's title, which must not take
      // the focus back to the top.
      await funder.goBack();
      await funder.waitForURL(/\/tableau-de-bord$/);
      await section.getByRole('link', { name: 'paramètres du financeur' }).click();
      await funder.waitForURL(/\/financeur\/parametres#journees-inhabituelles$/);
      await landed();
      const minimum = settings.getByLabel('Nombre de pass dans la journée, au moins');
      // Typed wrong, said in French beside the field, and nothing recorded.
      await minimum.fill('3');
      await settings.getByRole('button', { name: 'Enregistrer le seuil' }).click();
      await expect
        .poll(() => settings.getByText('Une journée est signalée à partir de 5 pass au moins.').count())
        .toBeGreaterThan(0);
      const stored = async () =>
        (
          await j.t.database.pool.query(
            'SELECT unusual_day_minimum AS minimum, unusual_day_factor AS factor FROM funders WHERE id = $1',
            [c.funderId],
          )
        ).rows[0];
      expect(await stored()).toEqual({ minimum: 20, factor: 3 });
      // Its places hold workshops: a day is worth a look above the day seen, and four times usual.
      await minimum.fill(String(count + 1));
      await settings
        .getByLabel('Par rapport à l’habitude du lieu')
        .selectOption({ label: 'plus de quatre fois son habitude' });
      await settings.getByRole('button', { name: 'Enregistrer le seuil' }).click();
      await expect
        .poll(() =>
          settings
            .getByText(
              `Seuil enregistré : au moins ${count + 1} pass dans la journée et plus de quatre fois l’habitude du lieu.`,
              { exact: false },
            )
            .count(),
        )
        .toBe(1);
      expect(await stored()).toEqual({ minimum: count + 1, factor: 4 });
      await expectAccessibleAtBothWidths(funder, 'settings, the unusual days’ threshold');

      await funder.goto(dashboard);
      await expect.poll(() => funder.getByTestId('dashboard-unusual-none').count()).toBe(1);
      expect(await funder.getByRole('region', { name: 'Journées inhabituelles' }).textContent()).toContain(
        `au moins ${count + 1} pass de ce dispositif, et plus de quatre fois`,
      );

      // A viewer reads the threshold, and has no form to change it.
      const viewer = await j.newPage();
      await logIn(viewer, j.baseUrl, 'lecteur@hautsdefrance.test');
      await viewer.waitForURL(/\/financeur$/);
      await viewer.goto(`${j.baseUrl}/financeur/parametres`);
      const read = viewer.getByRole('region', { name: 'Journées inhabituelles' });
      await expect
        .poll(() =>
          read
            .getByText(`au moins ${count + 1} pass dans la journée et plus de quatre fois`, { exact: false })
            .count(),
        )
        .toBe(1);
      expect(await read.getByRole('button', { name: 'Enregistrer le seuil' }).count()).toBe(0);
    },
    JOURNEY_MS,
  );
});
