import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/*
 * The platform's helpdesk on the phone with an agent who cannot get in: the operator finds the
 * account by its address and reads, in words, whether it is locked and until when, and its teams.
 */
describe.runIf(hasBrowser)('the helpdesk finds an account', () => {
  it(
    'reads an agent’s teams, a lock after five misses, and is told when the address is not one',
    async () => {
      for (let i = 0; i < 5; i += 1) {
        await j.t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'lecteur@hautsdefrance.test', password: `oublie-${i}` },
          remoteAddress: '198.51.100.7',
        });
      }
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      await page.getByRole('link', { name: 'Trouver un compte' }).click();
      const field = page.getByLabel('Adresse électronique de la personne');
      const state = page.getByTestId('account-state');

      await field.fill('prescripteur@hautsdefrance.test');
      await page.getByRole('button', { name: 'Chercher le compte' }).click();
      await expect.poll(() => state.textContent()).toMatch(/^Compte ouvert/);
      const roles = page.getByRole('table', { name: 'Rôles du compte' });
      await expect.poll(() => roles.getByRole('rowheader', { name: 'agent prescripteur' }).count()).toBe(1);
      expect(await roles.textContent()).toContain(
        'Mission locale du Grand Amiénois (Région Hauts-de-France)',
      );
      await expectAccessible(page, 'helpdesk, an account found');

      await field.fill('lecteur@hautsdefrance.test');
      await page.getByRole('button', { name: 'Chercher le compte' }).click();
      await expect
        .poll(() => state.textContent())
        .toMatch(/^Verrouillé après 5 essais manqués depuis 1 adresse/);

      await field.fill('jeannine');
      await page.getByRole('button', { name: 'Chercher le compte' }).click();
      await expect.poll(() => page.getByText(/Adresse électronique invalide/).count()).toBeGreaterThan(0);
      await expectAccessible(page, 'helpdesk, an address that is not one');
    },
    JOURNEY_MS,
  );
});
