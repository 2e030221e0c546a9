import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableAccount } from '../src/modules/auth/account-access.js';
import * as auth from '../src/modules/auth/service.js';
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
      // No mail server here: « Mot de passe oublié ? » sends nothing, and the page says what to do.
      expect(await state.textContent()).toContain(
        'aucun courriel ne part de cette plateforme (pas de serveur de messagerie configuré)',
      );
      expect(await state.textContent()).toContain('« password link »');
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

  it(
    'disables an account with its reason, which loses its session at once, then enables it again',
    async () => {
      const volunteer = await j.newPage();
      await logIn(volunteer, j.baseUrl, 'benevole@hautsdefrance.test');
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      await page.getByRole('link', { name: 'Trouver un compte' }).click();
      await page.getByLabel('Adresse électronique de la personne').fill('benevole@hautsdefrance.test');
      await page.getByRole('button', { name: 'Chercher le compte' }).click();
      const access = page.getByTestId('account-access');
      const notice = page.getByTestId('account-access-notice');
      await expect.poll(() => access.textContent()).toContain('Compte actif');

      await page.getByRole('button', { name: 'Désactiver ce compte' }).click();
      expect(await access.textContent()).toContain('Ses sessions sont fermées tout de suite');
      await page.getByRole('button', { name: 'Désactiver le compte' }).click();
      await expect.poll(() => page.getByText(/^Motif : indiquez pourquoi/).count()).toBeGreaterThan(0);
      await expectAccessible(page, 'helpdesk, disabling without a reason');
      await page.getByLabel('Motif').fill('Départ de l’association');
      // Double-clicked: one request, and its success stays (a second one's 409 replaced it).
      let disableRequests = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().includes('/disable')) disableRequests += 1;
      });
      await page.getByRole('button', { name: 'Désactiver le compte' }).dblclick();
      await expect
        .poll(() => notice.textContent())
        .toMatch(/Le compte benevole@hautsdefrance\.test est désactivé/);
      expect(disableRequests).toBe(1);
      await expect.poll(() => access.textContent()).toMatch(/Compte désactivé depuis le \d{2}\/\d{2}\/\d{4}/);
      expect(await page.getByTestId('account-state').textContent()).toMatch(/^Compte désactivé depuis le/);
      await expectAccessible(page, 'helpdesk, an account disabled');

      // The volunteer's open session is refused at once.
      const me = await volunteer.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
      expect(me).toBe(401);

      await page.getByRole('button', { name: 'Réactiver ce compte' }).click();
      await page.getByRole('button', { name: 'Réactiver le compte' }).click();
      await expect
        .poll(() => notice.textContent())
        .toMatch(/Le compte benevole@hautsdefrance\.test est réactivé/);
      await expect.poll(() => access.textContent()).toContain('Compte actif');
      const { rows } = await j.t.database.pool.query(
        `SELECT action FROM audit_entries WHERE action IN ('account.disable', 'account.enable') ORDER BY id`,
      );
      expect(rows.map((r) => r.action)).toEqual(['account.disable', 'account.enable']);
    },
    JOURNEY_MS,
  );

  it(
    'says, disabling a funder admin, that the invitation it had sent is withdrawn',
    async () => {
      const email = 'financeur@pasdecalais.test';
      const { rows } = await j.t.database.pool.query(
        `SELECT u.id, m.funder_id FROM users u JOIN memberships m ON m.user_id = u.id
          WHERE u.email = $1 AND m.role = 'funder_admin'`,
        [email],
      );
      const { id: userId, funder_id: funderId } = rows[0];
      const admin = {
        userId,
        email,
        memberships: [{ role: 'funder_admin' as const, funderId, organisationId: null }],
      };
      await j.t.database.db.transaction((tx) =>
        auth.invite(tx, admin, { funderId, email: 'recrue@pasdecalais.test', role: 'funder_viewer' }),
      );

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      await page.getByRole('link', { name: 'Trouver un compte' }).click();
      await page.getByLabel('Adresse électronique de la personne').fill(email);
      await page.getByRole('button', { name: 'Chercher le compte' }).click();
      await expect.poll(() => page.getByTestId('account-access').textContent()).toContain('Compte actif');
      await page.getByRole('button', { name: 'Désactiver ce compte' }).click();
      expect(await page.getByTestId('account-access').textContent()).toContain(
        'Les invitations qu’il a envoyées et que personne n’a encore acceptées sont retirées',
      );
      await page.getByLabel('Motif').fill('Accès suspect signalé par le financeur');
      await page.getByRole('button', { name: 'Désactiver le compte' }).click();
      await expect
        .poll(() => page.getByTestId('account-access-notice').textContent())
        .toMatch(/est désactivé : \d+ session\(s\) fermée\(s\), 1 invitation qu’il avait envoyée retirée,/);
      const waiting = await j.t.database.pool.query(
        `SELECT count(*)::int AS n FROM invitations WHERE email = 'recrue@pasdecalais.test' AND withdrawn_at IS NULL`,
      );
      expect(waiting.rows[0].n).toBe(0);
      await enableAccount(j.t.database.db, null, email);
    },
    JOURNEY_MS,
  );
});
