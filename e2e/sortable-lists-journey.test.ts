import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTHS } from '../src/core/dates.js';
import { type Client, signIn } from '../src/test/app.js';
import { siretFrom } from '../src/test/place-registration.js';
import {
  expectAccessible,
  expectAccessibleAtBothWidths,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';

/*
 * A finance officer looks for the largest statement, a programme manager for a place by its
 * commune: the lists could not be sorted, and a name with an accent would have sorted after Z
 * in the code points' order. Each column header is now a button that sorts its list, the
 * order said by aria-sort.
 */
let j: Journey;
let funder: Client;
beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  funder = await signIn(j.t.app, 'financeur@hautsdefrance.test');
  const funderId = funder.session.memberships[0]!.funderId!;
  const places = [
    ['Zéphyr numérique', '80001'],
    ['Écluse numérique', '80021'],
    ['Atelier numérique du Port', '59350'],
  ];
  for (const [i, [name, communeCode]] of places.entries()) {
    const place = await funder.request('POST', `/api/v1/funders/${funderId}/places`, {
      name,
      siret: siretFrom(`4420000${String(i).padStart(6, '0')}`),
      communeCode,
    });
    expect(place.statusCode, place.body).toBe(201);
  }
});
afterAll(() => j?.close());

/** « mai 2026 » → '2026-05' */
const monthOf = (text: string) => {
  const [name, year] = text.trim().toLowerCase().split(/\s+/);
  return `${year}-${String(MONTHS.indexOf(name!) + 1).padStart(2, '0')}`;
};
/** « 1 234,56 € », « −12,00 € » → cents */
const centsOf = (text: string) =>
  Math.round(
    Number(
      text
        .replace(/[^\d,−-]/g, '')
        .replace('−', '-')
        .replace(',', '.'),
    ) * 100,
  );

describe.runIf(hasBrowser)('the funder’s lists', () => {
  it(
    'sort the places by name in French order, and the statements by amount and by month',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);

      await page.goto(`${j.baseUrl}/financeur/lieux`);
      const places = page.getByRole('table', { name: /lieux?$/ });
      const byName = places.getByRole('button', { name: 'Lieu', exact: true });
      await byName.waitFor();
      const header = places.getByRole('columnheader', { name: 'Lieu', exact: true });
      expect(await header.getAttribute('aria-sort')).toBeNull();
      const ours = async () =>
        (await places.locator('tbody th[scope="row"] a').allTextContents()).filter(
          (n) => n.endsWith('numérique') || n.includes('du Port'),
        );
      await byName.click();
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
      expect(await ours()).toEqual(['Atelier numérique du Port', 'Écluse numérique', 'Zéphyr numérique']);
      await byName.click();
      await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
      expect(await ours()).toEqual(['Zéphyr numérique', 'Écluse numérique', 'Atelier numérique du Port']);
      // The focus stays on the button, for another press.
      expect(await byName.evaluate((b) => b === document.activeElement)).toBe(true);
      await expectAccessible(page, 'places sorted by name');

      await page.goto(`${j.baseUrl}/financeur/releves`);
      const statements = page.getByRole('table', { name: 'Relevés du financeur' });
      await expect.poll(() => statements.locator('tbody tr').count()).toBeGreaterThan(1);
      // The server sorts the whole list, the latest first until asked otherwise, and says how many.
      expect(
        await statements.getByRole('columnheader', { name: 'Mois', exact: true }).getAttribute('aria-sort'),
      ).toBe('descending');
      expect(
        await page
          .getByRole('status')
          .filter({ hasText: /^\d+ relevés$/ })
          .count(),
      ).toBe(1);
      const totals = async () =>
        (await statements.locator('td[data-label="Total"]').allTextContents()).map(centsOf);
      /** The rows once the server's answer in that order has come (the last one shows until then). */
      const sortedBy = async <T>(read: () => Promise<T[]>, compare: (a: T, b: T) => number) => {
        await expect
          .poll(async () => {
            const rows = await read();
            return JSON.stringify(rows) === JSON.stringify([...rows].sort(compare));
          })
          .toBe(true);
        return read();
      };
      await statements.getByRole('button', { name: 'Total', exact: true }).click();
      await expect
        .poll(() =>
          statements.getByRole('columnheader', { name: 'Total', exact: true }).getAttribute('aria-sort'),
        )
        .toBe('ascending');
      const ascending = await sortedBy(totals, (a, b) => a - b);
      await statements.getByRole('button', { name: 'Total', exact: true }).click();
      const descending = await sortedBy(totals, (a, b) => b - a);
      expect(descending).toEqual([...ascending].reverse());

      await statements.getByRole('button', { name: 'Mois', exact: true }).click();
      const months = async () =>
        (await statements.locator('td[data-label="Mois"]').allTextContents()).map(monthOf);
      await sortedBy(months, (a, b) => a.localeCompare(b));
      expect(
        await statements.getByRole('columnheader', { name: 'Total', exact: true }).getAttribute('aria-sort'),
      ).toBeNull();
      // On a phone each statement is a card: the sort buttons stay in sight above them.
      await expectAccessibleAtBothWidths(page, 'statements sorted by month');
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await statements.getByRole('button', { name: 'Mois', exact: true }).isVisible()).toBe(true);
      expect(
        (await statements.getByRole('button', { name: 'Mois', exact: true }).boundingBox())?.height,
      ).toBeGreaterThanOrEqual(24);
    },
    JOURNEY_MS,
  );
});
