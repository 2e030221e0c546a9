import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount } from '../src/test/accounts.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * A server without e-mail: a volunteer of the Médiathèque forgot her password. The place's admin
 * creates a one-time link from the team page, after a question that says how to hand it over,
 * reads it once with until when it works, and the volunteer chooses a new password with it;
 * opened again, the link no longer works. An agent who also works at another place has no
 * such button: the place's admin does not keep that access.
 */
let j: Journey;
beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  const q = (text: string) => j.t.database.pool.query(text).then((r) => r.rows[0].id as string);
  const funderId = await q(`SELECT id FROM funders WHERE name = 'Région Hauts-de-France'`);
  const placeId = await q(
    `SELECT m.organisation_id AS id FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE u.email = 'lieu@hautsdefrance.test' AND m.role = 'place_admin'`,
  );
  await newAccount(j.t, {
    funderId,
    email: 'oubli@mediatheque.test',
    role: 'place_agent',
    organisationId: placeId,
  });
  await newAccount(j.t, {
    funderId,
    email: 'deux-lieux@mediatheque.test',
    role: 'place_agent',
    organisationId: placeId,
  });
  const elsewhere = await q(
    `SELECT id FROM organisations WHERE name = 'Espace numérique de Boulogne-sur-Mer'`,
  );
  await j.t.database.pool.query(
    `INSERT INTO memberships (user_id, role, organisation_id)
     SELECT id, 'place_agent', $1 FROM users WHERE email = 'deux-lieux@mediatheque.test'`,
    [elsewhere],
  );
}, 60_000);
afterAll(async () => j?.close());

describe.runIf(hasBrowser)('a password link handed over by the place’s admin', () => {
  it(
    'is created after a question, shown once with its expiry, and works once',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
      await page.waitForURL(/\/lieu$/);
      await page.goto(`${j.baseUrl}/lieu/equipe`);
      const rows = page.getByTestId('member-row');
      const volunteer = rows.filter({ hasText: 'oubli@mediatheque.test' });
      await volunteer.waitFor();
      // Not on the admin's own line, nor for someone who also works at another place.
      expect(await rows.filter({ hasText: '(vous)' }).getByRole('button').count()).toBe(0);
      expect(
        await rows
          .filter({ hasText: 'deux-lieux@mediatheque.test' })
          .getByRole('button', { name: /Créer un lien de mot de passe/ })
          .count(),
      ).toBe(0);

      await volunteer.getByRole('button', { name: 'Créer un lien de mot de passe pour oubli' }).click();
      const question = page.getByTestId('confirm-row');
      expect(await question.textContent()).toContain(
        'Créer un lien pour que oubli choisisse un nouveau mot de passe ?',
      );
      expect(await question.textContent()).toContain(
        'remettez-le-lui en personne ou dictez-le par téléphone',
      );
      await expectAccessible(page, 'password link, question asked');
      await question.getByRole('button', { name: 'Oui, créer le lien' }).click();

      const link = page.getByTestId('password-link-url');
      await link.waitFor();
      const url = (await link.textContent())!;
      expect(url).toMatch(/\/mot-de-passe\/nouveau\/[\w-]{43}$/);
      expect(await page.getByRole('heading', { name: 'Lien de mot de passe créé pour oubli' }).count()).toBe(
        1,
      );
      expect(await page.getByTestId('password-link-expiry').textContent()).toMatch(
        /^Il est valable une heure, jusqu’au \d{1,2}(er)?\s\p{L}+\s\d{4}\sà\s\d{1,2}\sh\s\d{2}, et ne sert qu’une fois\./u,
      );
      expect(await page.getByRole('button', { name: 'Copier le lien de mot de passe' }).count()).toBe(1);
      await expectAccessible(page, 'password link shown');
      // Shown once: the team page opened again does not show it.
      await page.reload();
      await rows.first().waitFor();
      expect(await page.getByTestId('password-link-url').count()).toBe(0);

      // The link names the server's PUBLIC_URL; the journey's server listens elsewhere.
      const opened = `${j.baseUrl}${new URL(url).pathname}`;
      const volunteerPage = await j.newPage();
      await volunteerPage.goto(opened);
      await volunteerPage
        .getByLabel('Nouveau mot de passe', { exact: true })
        .fill('girafe horloge nuage 2031');
      await volunteerPage
        .getByLabel('Confirmation du nouveau mot de passe')
        .fill('girafe horloge nuage 2031');
      await volunteerPage.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await expect.poll(() => volunteerPage.getByText('Mot de passe changé').count()).toBe(1);
      await volunteerPage.goto(opened);
      await volunteerPage.getByRole('heading', { name: 'Ce lien ne peut plus servir' }).waitFor();
      await logIn(volunteerPage, j.baseUrl, 'oubli@mediatheque.test', 'girafe horloge nuage 2031');
      await volunteerPage.waitForURL(/\/lieu$/);
    },
    JOURNEY_MS,
  );
});
