import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * A place agent at the desk loses the connection, then opens Menu → « Relevés », a page whose
 * code her phone had not fetched yet. The router took the chunk that did not come for one
 * removed by a new version and reloaded the page: offline, the browser showed its own error
 * page, the app and the code half typed were gone, and the app's message never appeared. It
 * now says, in the layout, that the page could not be loaded, and « Réessayer » brings it.
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const menuLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name, exact: true });

/** The phone's menu, as she opened it. */
async function openFromMenu(page: Page, name: string) {
  await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await menuLink(page, name).click();
}

/** Signed in at the desk, with a mark on the page's window that a reload would lose. */
async function atTheDesk(page: Page) {
  await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
  await page.waitForURL(/\/lieu$/);
  await page.getByLabel('Code du pass').waitFor();
  await page.evaluate(() => {
    (window as unknown as { beforeOffline?: true }).beforeOffline = true;
  });
}

/** Set on the page's window: a reload starts a new one, without it. */
const stillLoaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { beforeOffline?: true }).beforeOffline === true);

describe.runIf(hasBrowser)('a page not visited yet, opened without a connection', () => {
  it(
    'says so in the layout without reloading the app, and shows once the connection is back',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 360, height: 780 });
      await atTheDesk(page);
      const field = page.getByLabel('Code du pass');
      await field.fill('K7Q2-M');

      await page.context().setOffline(true);
      await openFromMenu(page, 'Relevés');
      const title = page.getByRole('heading', { level: 1 });
      await expect
        .poll(() => title.textContent(), { timeout: 20_000 })
        .toBe('Impossible de charger cette page');
      expect(await stillLoaded(page)).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/lieu/releves');
      expect(await page.getByText('vérifiez votre connexion, puis réessayez').count()).toBe(1);
      // The header is kept: the rest of the app is still there to go back to.
      expect(await page.getByRole('banner').count()).toBe(1);
      await expectAccessible(page, 'a page not loaded, at 360 px');

      // Back to the desk, still offline: the app is alive and the desk works as before.
      await page.goBack();
      await field.waitFor();
      expect(new URL(page.url()).pathname).toBe('/lieu');
      expect(await stillLoaded(page)).toBe(true);
      await page.goForward();
      await expect.poll(() => title.textContent()).toBe('Impossible de charger cette page');

      // Still offline, « Réessayer » says that it failed again rather than nothing.
      const retry = page.getByRole('button', { name: 'Réessayer' });
      await retry.click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'toujours pas pu être chargée' }).count())
        .toBe(1);

      await page.context().setOffline(false);
      await retry.click();
      await expect.poll(() => title.textContent()).toMatch(/^\s*Relevés\s*$/);
      expect(await stillLoaded(page)).toBe(true);
    },
    JOURNEY_MS,
  );

  it(
    'says the same when the phone thinks it is online but the server does not answer',
    async () => {
      const page = await j.newPage();
      await atTheDesk(page);
      // A dead Wi-Fi: navigator.onLine stays true, yet neither the page's code nor the app's
      // own address answers.
      const cut = (route: Route) => route.abort('internetdisconnected');
      await page.route('**/assets/QualificationPage-*.js', cut);
      await page.route((url) => url.pathname === '/', cut);
      await menuLink(page, 'Qualification').click();
      const title = page.getByRole('heading', { level: 1 });
      await expect
        .poll(() => title.textContent(), { timeout: 20_000 })
        .toBe('Impossible de charger cette page');
      expect(await stillLoaded(page)).toBe(true);

      await page.unrouteAll();
      await page.getByRole('button', { name: 'Réessayer' }).click();
      await expect.poll(() => title.textContent()).toMatch(/Qualification/);
      expect(await stillLoaded(page)).toBe(true);
    },
    JOURNEY_MS,
  );

  it(
    'still reloads, once, when the server answers but the page’s code is gone, as after a new version',
    async () => {
      const page = await j.newPage();
      await atTheDesk(page);
      await page.route('**/assets/PlaceProfilePage-*.js', (route) =>
        route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }),
      );
      let loads = 0;
      page.on('load', () => loads++);
      await menuLink(page, 'Fiche du lieu').click();
      // The reload fetches the new version; that one missing too is no new version, and the
      // page says that it could not be shown instead of reloading again.
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
        .toBe('Une erreur est survenue');
      expect(await stillLoaded(page)).toBe(false);
      expect(loads).toBe(1);
    },
    JOURNEY_MS,
  );
});
