import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../src/test/app.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('an agent’s own account', () => {
  it(
    'joins a second funder by signing in from the invitation, then changes the password from "Mon compte"',
    async () => {
      // The Pas-de-Calais invites a reader of the Hauts-de-France, who already has an account.
      const admin = await signIn(j.t.app, 'financeur@pasdecalais.test', undefined, '10.40.0.1');
      const funderId = admin.session.memberships[0]!.funderId!;
      const inv = await admin.request('POST', `/api/v1/funders/${funderId}/invitations`, {
        email: 'lecteur@hautsdefrance.test',
        role: 'funder_viewer',
      });
      const token = inv.json().invitationUrl.split('/invitation/')[1];

      const page = await j.newPage();
      await page.goto(`${j.baseUrl}/invitation/${token}`);
      await expect.poll(() => page.getByText('Un compte existe déjà avec cette adresse.').count()).toBe(1);
      // No password is asked here: the account signs in through the sign-in and its lockout.
      expect(await page.getByLabel('Mot de passe').count()).toBe(0);
      await expectAccessible(page, 'invitation of an existing account');
      await page.getByRole('link', { name: 'Se connecter pour accepter' }).click();
      await page.waitForURL(/\/connexion/);
      await page.getByLabel('Adresse électronique').fill('lecteur@hautsdefrance.test');
      await page.getByLabel('Mot de passe').fill('demo-pass-numerique');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(/\/invitation\//);
      await page.getByRole('button', { name: 'Accepter l’invitation' }).click();
      await page.waitForURL(/\/financeur$/);
      const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
      expect(me.memberships.map((m: { funderName: string }) => m.funderName)).toEqual([
        'Région Hauts-de-France',
        'Département du Pas-de-Calais',
      ]);

      // "Mon compte" from the header's account link.
      await page.getByRole('link', { name: 'Dominique Leroy' }).click();
      await page.waitForURL(/\/compte$/);
      await expectAccessible(page, 'account page');
      // The rules of a new password belong to the new password, not to the current one.
      const description = (label: string) =>
        page.getByLabel(label, { exact: true }).evaluate((input) =>
          (input.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' '),
        );
      expect(await description('Nouveau mot de passe')).toMatch(/Au moins 12 caractères/);
      expect(await description('Mot de passe actuel')).not.toMatch(/Au moins 12 caractères/);
      // Shown under the new password, before its confirmation, well away from the current one.
      const top = async (l: Locator) => (await l.boundingBox())!.y;
      const rules = await top(page.getByText(/Au moins 12 caractères/));
      expect(rules).toBeGreaterThan(await top(page.getByLabel('Nouveau mot de passe', { exact: true })));
      expect(rules).toBeLessThan(await top(page.getByLabel('Confirmation du nouveau mot de passe')));
      await page.getByLabel('Mot de passe actuel').fill('demo-pass-numerique');
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Azerty123456');
      await page.getByLabel('Confirmation du nouveau mot de passe').fill('Azerty123456');
      await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await expect
        .poll(() => page.getByText(/Le mot de passe est trop facile à deviner/).count())
        .toBeGreaterThan(0);
      await expectAccessible(page, 'account page with a refused password');
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('cerisier tilleul boussole 45');
      await page.getByLabel('Confirmation du nouveau mot de passe').fill('cerisier tilleul boussole 45');
      await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await expect.poll(() => page.getByText('Mot de passe changé').count()).toBe(1);

      // The new password is the one that signs in.
      const again = await j.newPage();
      await logIn(again, j.baseUrl, 'lecteur@hautsdefrance.test', 'cerisier tilleul boussole 45');
      await again.waitForURL(/\/financeur$/);

      // The platform admin reads the account events in the platform's trail.
      const operator = await j.newPage();
      await logIn(operator, j.baseUrl, 'admin@pass-numerique.test');
      await operator.waitForURL(/\/admin$/);
      const trail = operator.getByRole('region', { name: 'Journal de la plateforme' });
      await expect.poll(() => trail.getByRole('cell', { name: 'Mot de passe changé' }).count()).toBe(1);
      expect(await trail.getByRole('cell', { name: 'Connexion', exact: true }).count()).toBeGreaterThan(0);
      await expectAccessible(operator, 'admin page with the platform trail');

      // A volunteer locked out calls the helpdesk: her failures and her lock are written by
      // nobody, about her account; the support officer finds them by her e-mail.
      for (const guess of ['devinette-1', 'devinette-2', 'devinette-3', 'devinette-4', 'devinette-5'])
        await j.t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'benevole@hautsdefrance.test', password: guess },
          remoteAddress: '10.62.0.1',
        });
      const actions = await trail
        .getByRole('combobox', { name: 'Action', exact: true })
        .locator('option')
        .evaluateAll((options) => options.map((o) => o.textContent));
      // The platform's journal holds more than account events: the helpdesk's look-ups too.
      expect(actions).toContain('Compte consulté par l’assistance');
      await trail.getByRole('textbox', { name: 'Personne', exact: true }).fill('benevole@hautsdefrance.test');
      await trail
        .getByRole('combobox', { name: 'Action', exact: true })
        .selectOption({ label: 'Compte bloqué depuis une adresse' });
      await trail.getByRole('button', { name: 'Filtrer' }).click();
      await expect
        .poll(() => trail.getByRole('cell', { name: 'Utilisateur « Lucie Moreau »' }).count())
        .toBe(1);
      expect(await trail.getByRole('cell', { name: 'Compte bloqué depuis une adresse' }).count()).toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'is told its session expired when sent back to the sign-in in the middle of its work, then returns there',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/releves`);
      await expect.poll(() => page.getByRole('heading', { name: 'Relevés des lieux' }).count()).toBe(1);
      // The session ends on the server (its lifetime passed) while the page stays open.
      await j.t.database.pool.query(
        `UPDATE sessions SET expires_at = now() - interval '1 minute'
          WHERE user_id = (SELECT id FROM users WHERE email = 'financeur@hautsdefrance.test')`,
      );
      // The agent narrows the list. On a slow machine the page may still be loading one of its
      // lists (the places of the filter): that request meets the expired session first and the
      // sign-in comes before the choice, the select then gone; either way the agent lands there.
      void page
        .getByLabel('État')
        .selectOption({ label: 'Payé' }, { timeout: 10_000 })
        .catch(() => undefined);
      await page.waitForURL(/\/connexion/);
      await expect.poll(() => page.getByRole('heading', { name: 'Votre session a expiré' }).count()).toBe(1);
      await expectAccessible(page, 'sign-in after the session expired');
      await page.getByLabel('Adresse électronique').fill('financeur@hautsdefrance.test');
      await page.getByLabel('Mot de passe').fill('demo-pass-numerique');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(/\/financeur\/releves/);
    },
    JOURNEY_MS,
  );

  it(
    'keeps working in its tab after signing in again in another one, and is told when another account took the browser',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      await page.goto(`${j.baseUrl}/lieu/cles`);
      const create = page.getByRole('button', { name: /Créer la clé/ });
      await expect.poll(() => create.count()).toBe(1);
      // The page left as it is, every request of it answered: one still on its way when the
      // session ends below meets a 401 and sends the tab to the sign-in page (on a loaded
      // machine the form showed before the page's last answers came), which is another story.
      await page.waitForLoadState('networkidle');
      // The session ends (its lifetime passed); the same person signs in again in a second tab
      // of the same browser, while the first one stays open: a new session.
      await j.t.database.pool.query(
        `UPDATE sessions SET expires_at = now() - interval '1 minute'
          WHERE user_id = (SELECT id FROM users WHERE email = 'lieu@hautsdefrance.test')`,
      );
      const other = await page.context().newPage();
      await logIn(other, j.baseUrl, 'lieu@hautsdefrance.test');
      await other.waitForURL(/\/lieu/);
      // The first tab's next change goes through: it was refused as a forged request before.
      await page.getByLabel('Nom de la clé').fill('Logiciel de l’accueil');
      await create.click();
      await expect.poll(() => page.getByLabel('Clé d’API « Logiciel de l’accueil »').count()).toBe(1);
      await page.getByRole('button', { name: /la masquer/ }).click();
      await expect.poll(() => create.count()).toBe(1);

      // A colleague signs in with their own account in the second tab: the first tab's change
      // is not made in their name, and the tab says why.
      // Signed in, the sign-in page sends one back to one's console: the colleague signs out first.
      await other.goto(`${j.baseUrl}/connexion`);
      await other.waitForURL(/\/lieu/);
      await other.getByRole('button', { name: 'Se déconnecter' }).first().click();
      await other.waitForURL(/\/connexion/);
      await logIn(other, j.baseUrl, 'mediateur@hautsdefrance.test');
      await other.waitForURL(/\/lieu/);
      await page.getByLabel('Nom de la clé').fill('Logiciel du soir');
      await create.click();
      await expect
        .poll(() => page.getByText(/autre compte s’est connecté dans ce navigateur/).count(), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      const { rows } = await j.t.database.pool.query(
        `SELECT count(*)::int AS n FROM api_keys WHERE label = 'Logiciel du soir'`,
      );
      expect(rows[0].n).toBe(0);
    },
    JOURNEY_MS,
  );
});
