import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPassCode, generatePassCode } from '../src/core/pass-code.js';
import { signIn } from '../src/test/app.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * Someone's rights change while their page is open: an admin ends a volunteer's access to the
 * place, or makes a reader of the funder's console an admin. The page they have open learns it
 * at their next action refused, or when they come back to the tab, as they would expect: the
 * volunteer is told no space is open to her any more (not a bare « Accès refusé » at the desk,
 * again at every code), the new admin finds the admin's menu without signing in again.
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
}, 60_000);
afterAll(async () => j?.close());

async function idOf(table: 'organisations' | 'funders', name: string): Promise<string> {
  const { rows } = await j.t.database.pool.query(`SELECT id FROM ${table} WHERE name = $1`, [name]);
  return rows[0].id;
}

describe.runIf(hasBrowser)('rights changed while the page is open', () => {
  it(
    'sends a volunteer whose access ended to the page that says so, at her next code',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      await expect.poll(() => page.getByRole('heading', { name: 'Encaisser un pass' }).count()).toBe(1);

      // Thomas Petit, the place's admin, ends her access from his own session.
      const placeId = await idOf('organisations', 'Médiathèque Louis Aragon');
      const thomas = await signIn(j.t.app, 'lieu@hautsdefrance.test');
      const team = (await thomas.request('GET', `/api/v1/places/${placeId}/members`)).json();
      const lucie = team.find((m: { email: string }) => m.email === 'benevole@hautsdefrance.test');
      const ended = await thomas.request(
        'POST',
        `/api/v1/places/${placeId}/members/${lucie.membershipId}/end`,
      );
      expect(ended.statusCode).toBe(200);

      // A whole code typed is checked at once, as at every desk.
      await page.getByLabel('Code du pass').fill(formatPassCode(generatePassCode()));
      await expect.poll(() => page.getByText('Aucun espace disponible').count()).toBe(1);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByRole('heading', { name: 'Encaisser un pass' }).count()).toBe(0);
      // Told what happened, above the page, until she closes it.
      const notice = page
        .getByRole('status')
        .filter({ hasText: 'Votre accès à Médiathèque Louis Aragon a pris fin.' });
      expect(await notice.count()).toBe(1);
      await expectAccessible(page, 'a volunteer told her access ended');
      await notice.getByRole('button', { name: 'Masquer le message' }).click();
      await expect.poll(() => notice.count()).toBe(0);
    },
    JOURNEY_MS,
  );

  it(
    'shows a reader made admin the admin’s menu when she comes back to the tab, and a session ended',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lecteur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      const menu = page.getByRole('navigation', { name: 'Menu principal' });
      await expect.poll(() => menu.getByRole('link', { name: 'Journal' }).count()).toBe(1);
      expect(await menu.getByRole('link', { name: 'Équipe' }).count()).toBe(0);

      // Camille Martin, the funder's admin, makes Dominique Leroy an admin.
      const funderId = await idOf('funders', 'Région Hauts-de-France');
      const camille = await signIn(j.t.app, 'financeur@hautsdefrance.test');
      const team = (await camille.request('GET', `/api/v1/funders/${funderId}/members`)).json();
      const dominique = team.find((m: { email: string }) => m.email === 'lecteur@hautsdefrance.test');
      const changed = await camille.request(
        'POST',
        `/api/v1/funders/${funderId}/members/${dominique.membershipId}/role`,
        { role: 'funder_admin' },
      );
      expect(changed.statusCode).toBe(200);

      // She was in another tab meanwhile, and comes back to this one.
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
      await expect.poll(() => menu.getByRole('link', { name: 'Équipe' }).count()).toBe(1);
      expect(await page.getByRole('status').first().textContent()).toContain(
        'Votre rôle pour Région Hauts-de-France est maintenant « Administrateur ».',
      );
      await menu.getByRole('link', { name: 'Équipe' }).click();
      await expect.poll(() => page.getByTestId('member-row').filter({ hasText: '(vous)' }).count()).toBe(1);

      // Her session ends while she is away: coming back, she is asked to sign in again, told why.
      await j.t.database.pool.query(
        `UPDATE sessions SET expires_at = now() - interval '1 minute'
          WHERE user_id = (SELECT id FROM users WHERE email = 'lecteur@hautsdefrance.test')`,
      );
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
      await page.waitForURL(/\/connexion/);
      await expect.poll(() => page.getByText('Votre session a expiré').count()).toBe(1);
      expect(new URL(page.url()).searchParams.get('redirect')).toContain('/financeur/equipe');
    },
    JOURNEY_MS,
  );

  it(
    'keeps a tab its person’s when another account signed in in the browser meanwhile',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      const account = page.locator('header a[href="/compte"]').first();
      await expect.poll(() => account.getAttribute('title')).toBe('Mon compte : Thomas Petit');

      // A colleague signs out in another tab of the same browser, and signs in with his account.
      const other = await page.context().newPage();
      await other.goto(`${j.baseUrl}/connexion`);
      await other.waitForURL(/\/lieu/);
      await other.getByRole('button', { name: 'Se déconnecter' }).first().click();
      await other.waitForURL(/\/connexion/);
      await logIn(other, j.baseUrl, 'mediateur@hautsdefrance.test');
      await other.waitForURL(/\/lieu/);

      // Back to the first tab: it reads the browser's session, and does not become his.
      const read = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/me');
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
      expect((await (await read).json()).user.displayName).toBe('Karim Haddad');
      await page.waitForLoadState('networkidle');
      expect(await account.getAttribute('title')).toBe('Mon compte : Thomas Petit');
      expect(new URL(page.url()).pathname).toBe('/lieu');
    },
    JOURNEY_MS,
  );
});
