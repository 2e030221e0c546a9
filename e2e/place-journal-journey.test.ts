import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../src/test/app.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

// The treasurer of an association reads who did what at the place: the « Journal » of the place's
// menu, its admin's only, filtered by a kind of action chosen by its French label.
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('the journal of a place', () => {
  it(
    'shows its admin who made an API key, and narrows the list to that kind of action',
    async () => {
      const admin = await signIn(j.t.app, 'lieu@hautsdefrance.test', undefined, '10.41.0.1');
      const placeId = admin.session.memberships.find((m) => m.role === 'place_admin')!.organisationId!;
      const made = await admin.request('POST', `/api/v1/places/${placeId}/api-keys`, {
        label: 'Logiciel des ateliers',
      });
      expect(made.statusCode).toBe(201);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      await page.getByRole('link', { name: 'Journal' }).first().click();
      await page.waitForURL(/\/lieu\/journal/);
      const table = page.getByRole('table', { name: /Journal du lieu/ });
      await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
      await expectAccessible(page, 'place journal');

      await page.getByLabel('Action').selectOption({ label: 'Clé d’API créée' });
      await page.getByRole('button', { name: 'Filtrer' }).click();
      const rows = table.locator('tbody tr');
      await expect
        .poll(async () => (await rows.allTextContents()).every((t) => t.includes('Clé d’API créée')))
        .toBe(true);
      const [latest] = await rows.allTextContents();
      expect(latest).toContain('Logiciel des ateliers');
      expect(latest).toContain('Thomas Petit');
    },
    JOURNEY_MS,
  );
});
