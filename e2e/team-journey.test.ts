import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, TEST_PASSWORD } from '../src/test/accounts.js';
import {
  expectAccessible,
  expectAccessibleAtBothWidths,
  expectTableFits,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';

/*
 * A funder's admin keeps the team from the team page: Camille Martin (admin of the Région
 * Hauts-de-France) makes her colleague Dominique Leroy an admin, is told why she cannot then
 * remove her (the four-eyes rule needs two admins), ends the access of a trainee who left, and
 * withdraws an invitation sent to a wrong address; on a prescriber's page she ends the access
 * of a volunteer who left. Each act asks first, under the row, and says what it did.
 */
let j: Journey;
beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  const { rows } = await j.t.database.pool.query(
    `SELECT id FROM funders WHERE name = 'Région Hauts-de-France'`,
  );
  await newAccount(j.t, {
    funderId: rows[0].id,
    email: 'stagiaire@hautsdefrance.test',
    role: 'funder_viewer',
  });
}, 60_000);
afterAll(async () => j?.close());

describe.runIf(hasBrowser)('a funder’s team, kept by its admin', () => {
  it(
    'changes a colleague’s role, ends her access, and withdraws an invitation',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/equipe`);
      const rows = page.getByTestId('member-row');
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
      const dominique = rows.filter({ hasText: 'Dominique Leroy' });
      expect(await dominique.textContent()).toContain('Consultation seule');
      // Her own line says « (vous) » and has no button.
      const camille = rows.filter({ hasText: 'Camille Martin (vous)' });
      expect(await camille.getByRole('button').count()).toBe(0);
      await page.setViewportSize({ width: 360, height: 780 });
      await expectTableFits(page.locator('table').first(), 'team at 360 px');
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByRole('button', { name: 'Rendre administrateur : Dominique Leroy' }).click();
      const question = page.getByTestId('confirm-row');
      expect(await question.textContent()).toContain('Rendre administrateur : Dominique Leroy ?');
      await expectAccessible(page, 'team page, question asked');
      await question.getByRole('button', { name: 'Oui, rendre administrateur' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('Dominique Leroy a maintenant le rôle « Administrateur ».');
      await expect.poll(() => dominique.textContent()).toContain('Administrateur');

      // Two admins under the four-eyes rule: the page says why neither can go.
      await page.getByRole('button', { name: 'Retirer l’accès de Dominique Leroy' }).click();
      await question.getByRole('button', { name: 'Oui, retirer l’accès' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('Le financeur doit garder deux administrateurs');
      expect(await dominique.count()).toBe(1);

      const trainee = rows.filter({ hasText: 'stagiaire@hautsdefrance.test' });
      await trainee.getByRole('button', { name: /^Retirer l’accès/ }).click();
      await question.getByRole('button', { name: 'Oui, retirer l’accès' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('L’accès de stagiaire est retiré.');
      await expect.poll(() => trainee.count()).toBe(0);

      // The trainee signs in: the funder's space is no longer theirs.
      const theirs = await j.newPage();
      await logIn(theirs, j.baseUrl, 'stagiaire@hautsdefrance.test', TEST_PASSWORD);
      await expect.poll(() => theirs.getByText(/Aucun espace disponible/).count()).toBeGreaterThan(0);

      // An invitation to a wrong address, withdrawn.
      await page
        .getByLabel('Adresse électronique de la personne invitée')
        .fill('camile.martin@hautsdefrance.test');
      await page.getByText(/^Consulter seulement/).click();
      await page.getByRole('button', { name: 'Créer l’invitation' }).click();
      const invitation = page.getByTestId('invitation-row').filter({ hasText: 'camile.martin@' });
      await expect.poll(() => invitation.count()).toBe(1);
      // « Je n’ai pas reçu le lien » : sent again from the list, under a new link.
      const firstUrl = (await page.getByTestId('team-invitation-url').textContent())!.trim();
      await invitation
        .getByRole('button', { name: 'Renvoyer l’invitation de camile.martin@hautsdefrance.test' })
        .click();
      const resent = page.getByTestId('resent-invitation-url');
      await expect.poll(() => resent.count()).toBe(1);
      const newUrl = (await resent.textContent())!.trim();
      expect(newUrl).not.toBe(firstUrl);
      await expect
        .poll(() => page.getByText('Nouveau lien créé pour camile.martin@hautsdefrance.test').count())
        .toBe(1);
      const opened = (url: string) =>
        j.t.app.inject({ method: 'GET', url: `/api/v1/invitations/${url.split('/invitation/')[1]}` });
      expect((await opened(firstUrl)).statusCode).toBe(410);
      expect((await opened(newUrl)).statusCode).toBe(200);
      await expectAccessibleAtBothWidths(page, 'team page, an invitation sent again');
      await invitation.getByRole('button', { name: /Retirer l’invitation/ }).click();
      await page.getByRole('button', { name: 'Oui, retirer l’invitation' }).click();
      await expect.poll(() => invitation.count()).toBe(0);
      // The list may refresh before the message shows: wait for it as a person would.
      await expect
        .poll(() => page.getByText('L’invitation de camile.martin@hautsdefrance.test est retirée').count())
        .toBe(1);
      await expectAccessibleAtBothWidths(page, 'team page after the changes');
    },
    JOURNEY_MS,
  );

  it(
    'ends the access of a prescriber’s volunteer who left, from the prescriber’s page',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/prescripteurs`);
      await page
        .getByRole('link', { name: /Mission locale/ })
        .first()
        .click();
      const agent = page.getByTestId('agent').first();
      await expect.poll(() => agent.count()).toBe(1);
      const name = (await agent.textContent())!.split(' (')[0]!;
      await agent.getByRole('button', { name: `Retirer l’accès de ${name}` }).click();
      // « Non » keeps the agent and gives the focus back to the button.
      await page.getByRole('button', { name: 'Non, ne rien changer' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
        .toContain('Retirer l’accès');
      await agent.getByRole('button', { name: `Retirer l’accès de ${name}` }).click();
      await page.getByRole('button', { name: 'Oui, retirer l’accès' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain(`L’accès de ${name} au prescripteur est retiré.`);
      await expect.poll(() => page.getByTestId('agent').filter({ hasText: name }).count()).toBe(0);
      await expectAccessible(page, 'prescriber page after an agent left');
    },
    JOURNEY_MS,
  );

  it(
    'lets a place’s admin invite a volunteer, who lands at the desk, and end the access of one who left',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Équipe' })
        .click();
      await page.waitForURL(/\/lieu\/equipe$/);
      const rows = page.getByTestId('member-row');
      await expect.poll(() => rows.filter({ hasText: 'Lucie Moreau' }).count()).toBe(1);
      expect(await rows.filter({ hasText: 'Thomas Petit (vous)' }).getByRole('button').count()).toBe(0);
      // Karim Haddad, mediator, becomes an admin of the place too.
      await page.getByRole('button', { name: 'Rendre administrateur du lieu : Karim Haddad' }).click();
      await page.getByRole('button', { name: 'Oui, rendre administrateur du lieu' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('Karim Haddad a maintenant le rôle « Administrateur du lieu ».');

      await page.getByLabel('Adresse électronique de la personne invitée').fill('ines.garnier@exemple.fr');
      await page.getByText(/^Accueillir et encaisser des pass/).click();
      await page.getByRole('button', { name: 'Créer l’invitation' }).click();
      const link = page.getByTestId('team-invitation-url');
      await expect.poll(() => link.count()).toBe(1);
      const url = (await link.textContent())!.trim();
      await expect
        .poll(() => page.getByTestId('invitation-row').filter({ hasText: 'ines.garnier@exemple.fr' }).count())
        .toBe(1);

      await page.getByRole('button', { name: 'Retirer l’accès de Lucie Moreau' }).click();
      expect(await page.getByTestId('confirm-row').textContent()).toContain('pour ce lieu');
      await page.getByRole('button', { name: 'Oui, retirer l’accès' }).click();
      await expect
        .poll(() => page.getByRole('status').first().textContent())
        .toContain('L’accès de Lucie Moreau est retiré.');
      await expectAccessibleAtBothWidths(page, 'place team page');

      // The new volunteer opens the link, chooses a password and lands at the desk.
      const ines = await j.newPage();
      await ines.goto(`${j.baseUrl}${new URL(url).pathname}`);
      await expect.poll(() => ines.getByText('Médiathèque Louis Aragon').count()).toBeGreaterThan(0);
      await ines.getByLabel('Prénom et nom').fill('Inès Garnier');
      await ines.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
      await ines.getByLabel('Confirmation du mot de passe').fill(TEST_PASSWORD);
      await ines.getByRole('button', { name: 'Enregistrer' }).click();
      await ines.waitForURL(/\/lieu$/);
      await expect.poll(() => ines.getByRole('button', { name: 'Vérifier' }).count()).toBe(1);

      // Lucie, gone, signs in to nothing.
      const lucie = await j.newPage();
      await logIn(lucie, j.baseUrl, 'benevole@hautsdefrance.test');
      await expect.poll(() => lucie.getByText(/Aucun espace disponible/).count()).toBeGreaterThan(0);
    },
    JOURNEY_MS,
  );
});
