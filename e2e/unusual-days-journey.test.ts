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
});
