import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, JOURNEY_MS, type Journey, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * A sign-in link whose destination is not a path of this site (a link made to send people
 * elsewhere, or mangled by a mail filter) signs the person in and takes them to their own
 * console, as a link without one does: it showed « Page introuvable » under the signed-in
 * header, the address bar still on the sign-in link.
 */
describe.runIf(hasBrowser)('a sign-in link with a destination elsewhere', () => {
  it(
    'signs in and lands on the person’s console, for every kind of foreign destination',
    async () => {
      for (const destination of [
        'https://evil.example/',
        'javascript:alert(1)',
        '//evil.example/x',
        '/\\evil.example',
      ]) {
        const page = await j.newPage();
        await page.goto(`${j.baseUrl}/connexion?redirect=${encodeURIComponent(destination)}`);
        await page.getByLabel('Adresse électronique').fill('benevole@hautsdefrance.test');
        await page.getByLabel('Mot de passe').fill('demo-pass-numerique');
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.waitForURL(/\/lieu$/);
        expect(new URL(page.url()).host, destination).toBe(new URL(j.baseUrl).host);
        await expect.poll(() => page.getByLabel('Code du pass').count(), { timeout: 15_000 }).toBe(1);
        expect(await page.getByRole('heading', { name: 'Page introuvable' }).count(), destination).toBe(0);
        await page.close();
      }
    },
    JOURNEY_MS,
  );

  it(
    'still takes the person to the page of this site the link names',
    async () => {
      const page = await j.newPage();
      await page.goto(`${j.baseUrl}/connexion?redirect=${encodeURIComponent('/lieu/cles')}`);
      await page.getByLabel('Adresse électronique').fill('lieu@hautsdefrance.test');
      await page.getByLabel('Mot de passe').fill('demo-pass-numerique');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(/\/lieu\/cles$/);
    },
    JOURNEY_MS,
  );
});
