import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseSuggestion,
  expectAccessible,
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

/** Issue 11, point 2: a funder puts passes into the hands of a prescriber it creates itself. */
describe.runIf(hasBrowser)('a funder admin adds a prescriber and invites its agent', () => {
  it(
    'creates the prescriber from the web app, hands over the invitation, and the agent reaches its console',
    async () => {
      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'financeur@hautsdefrance.test');
      await admin.waitForURL(/\/financeur$/);
      await admin.getByRole('link', { name: 'Prescripteurs', exact: true }).click();
      await admin.waitForURL(/\/financeur\/prescripteurs$/);
      await expect
        .poll(() => admin.getByRole('rowheader', { name: 'Mission locale du Grand Amiénois' }).count())
        .toBe(1);
      await expectAccessible(admin, 'prescribers page');

      // Nothing filled in: each field says what is missing, before anything is sent.
      await admin.getByRole('button', { name: 'Ajouter le prescripteur' }).click();
      await expect.poll(() => admin.locator('.fr-error-text').count()).toBeGreaterThanOrEqual(3);
      await expectAccessible(admin, 'prescriber form with errors');

      await admin.getByLabel('Nom de la structure').fill('CCAS de Laon');
      await admin
        .getByLabel('Type de structure')
        .selectOption({ label: 'CCAS (centre communal d’action sociale)' });
      await admin.getByLabel('SIRET (facultatif)').fill('215 704 087 00018');
      // The commune is found by name and chosen from the official list, never typed as a code.
      await chooseSuggestion(admin, 'Commune de la structure', 'Laon', 'Laon (02000) — commune');
      await admin.getByRole('button', { name: 'Ajouter le prescripteur' }).click();
      await expect.poll(() => admin.getByText('Prescripteur « CCAS de Laon » ajouté').count()).toBe(1);
      const row = admin
        .getByRole('row')
        .filter({ has: admin.getByRole('rowheader', { name: 'CCAS de Laon' }) });
      await expect.poll(() => row.textContent()).toContain('Laon');
      expect(await row.textContent()).toContain('CCAS (centre communal d’action sociale)');

      // The same name again is refused, the field named.
      await admin.getByLabel('Nom de la structure').fill('ccas de laon');
      await admin.getByLabel('Type de structure').selectOption({ label: 'Mairie' });
      await chooseSuggestion(admin, 'Commune de la structure', 'Laon', 'Laon (02000) — commune');
      await admin.getByRole('button', { name: 'Ajouter le prescripteur' }).click();
      await expect
        .poll(() =>
          admin.getByText('Un prescripteur de ce financeur porte déjà ce nom', { exact: false }).count(),
        )
        .toBeGreaterThan(0);
      // The refusal is not read under the success of the one before.
      expect(await admin.getByText('Prescripteur « CCAS de Laon » ajouté').count()).toBe(0);

      // Its SIRET, stored in digits, is on its page (the list leaves it out to fit a laptop).
      await row.getByRole('link', { name: 'CCAS de Laon' }).click();
      await expect.poll(() => admin.getByText(/SIRET 21570408700018/).count()).toBe(1);
      await admin.goBack();

      await row.getByRole('button', { name: 'Inviter un agent de CCAS de Laon' }).click();
      const invitation = admin.getByRole('region', { name: 'Inviter un agent de « CCAS de Laon »' });
      await invitation.getByLabel('Adresse électronique de l’agent').fill('agent@ccas-laon.test');
      await invitation.getByRole('button', { name: 'Créer l’invitation' }).click();
      const link = invitation.getByTestId('invitation-url');
      await expect.poll(() => link.count()).toBe(1);
      await expectAccessible(admin, 'prescribers page with an invitation link');
      // On a phone too: the table scrolls sideways in a region the keyboard reaches.
      await admin.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(admin, 'prescribers page at 360 px');
      const url = (await link.getAttribute('href'))!;
      expect(url).toMatch(/\/invitation\//);

      // The agent opens the link handed over, in a browser of their own.
      const agent = await j.newPage();
      await agent.goto(`${j.baseUrl}${new URL(url).pathname}`);
      await agent.getByLabel('Prénom et nom').fill('Inès Agent');
      // A password long enough but easy to guess is refused by the server's rule.
      await agent.getByLabel('Mot de passe', { exact: true }).fill('Azerty123456');
      await agent.getByLabel('Confirmation du mot de passe').fill('Azerty123456');
      await agent.getByRole('button', { name: 'Enregistrer' }).click();
      await expect.poll(() => agent.getByText(/trop facile à deviner/).count()).toBeGreaterThan(0);
      await agent.getByLabel('Mot de passe', { exact: true }).fill('girafe lanterne escalier 83');
      await agent.getByLabel('Confirmation du mot de passe').fill('girafe lanterne escalier 83');
      await agent.getByRole('button', { name: 'Enregistrer' }).click();
      await agent.waitForURL(/\/prescripteur$/);
      await expect
        .poll(() => agent.getByText('CCAS de Laon — Région Hauts-de-France').count())
        .toBeGreaterThan(0);
      await expect.poll(() => agent.getByRole('heading', { name: 'Remettre un carnet' }).count()).toBe(1);
      // No booklet yet: the console says so and whom to ask, instead of a form that cannot succeed.
      await expect
        .poll(() => agent.getByText('Aucun carnet à remettre pour le moment', { exact: false }).count())
        .toBe(1);
      expect(await agent.getByRole('button', { name: 'Remettre le carnet' }).count()).toBe(0);
      // A hand-out to a misspelt name has a way out other than blocking the booklet.
      const handedOut = agent.getByRole('region', { name: 'Carnets remis' });
      expect(await handedOut.getByText(/Ne bloquez pas son carnet.*écrivez au financeur/).count()).toBe(1);
      await expectAccessible(agent, 'new prescriber agent console');
    },
    JOURNEY_MS,
  );
});
