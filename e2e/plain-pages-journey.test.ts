import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/*
 * From an accessibility audit of the pages a beneficiary and a visitor see: an empty menu
 * announced, a title saying « Pass numérique » twice, « vous n’y avez pas accès » on a public
 * page, and a statement without its ways of recourse.
 */
describe.runIf(hasBrowser)('the pages a beneficiary and a visitor see', () => {
  it(
    'have no empty menu, say plainly that a place is gone or a link cut short, and tell the ways of recourse',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await logIn(page, j.baseUrl, 'beneficiaire@hautsdefrance.test');
      await page.getByRole('heading', { name: 'Où utiliser mon pass ?' }).waitFor();
      // A beneficiary has no menu: neither an empty « Menu principal » nor a skip link to it.
      expect(await page.locator('#navigation-principale').count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Menu', exact: true }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Contenu', exact: true }).count()).toBe(1);

      await page.goto(`${j.baseUrl}/p/ABCD-EFGH-JKLM-NP`);
      await page.getByRole('heading', { name: 'Pass numérique', level: 1 }).waitFor();
      expect(await page.title()).toBe('Votre pass — Pass numérique');

      await page.goto(`${j.baseUrl}/annuaire/lieu/00000000-0000-4000-8000-000000000000`);
      await page.getByRole('heading', { name: 'Lieu introuvable', level: 1 }).waitFor();
      expect(await page.getByText('Ce lieu n’existe pas ou n’est plus dans l’annuaire.').count()).toBe(1);
      expect(await page.getByText(/vous n’y avez pas accès/).count()).toBe(0);
      expect(await page.title()).toBe('Lieu introuvable — Pass numérique');

      // A link cut short in a text message (its last character lost) says so, in plain words,
      // rather than the identifier's format, or that the passes cannot be used.
      await page.goto(`${j.baseUrl}/annuaire/lieu/00000000-0000-4000-8000-00000000000`);
      await page.getByRole('heading', { name: 'Lien incomplet', level: 1 }).waitFor();
      expect(await page.getByText(/Ce lien est incomplet/).count()).toBe(1);
      expect(await page.getByText(/Identifiant invalide|caractères/).count()).toBe(0);
      await page.goto(`${j.baseUrl}/annuaire/00000000-0000-4000-8000-00000000000`);
      await page.getByText(/Ce lien est incomplet/).waitFor();
      expect(await page.getByText(/ne peuvent pas être utilisés/).count()).toBe(0);
      await page.getByRole('link', { name: 'Voir la liste des pass' }).click();
      await page.waitForURL(/\/annuaire$/);

      // The legal notice and the personal-data page, from the footer of any page; this instance
      // has not said who runs it, and the notice says so rather than inventing a publisher.
      await page.getByRole('contentinfo').getByRole('link', { name: 'Mentions légales' }).click();
      await page.getByRole('heading', { name: 'Mentions légales', level: 1 }).waitFor();
      // Said once the instance's settings have come (the heading comes first: under load, a
      // count taken at once found nothing).
      await expect
        .poll(() => page.getByText('Éditeur non renseigné par l’exploitant de cette plateforme.').count())
        .toBe(1);
      await expectAccessible(page, 'the legal notice of an instance that has not named its operator');
      await page.getByRole('contentinfo').getByRole('link', { name: 'Données personnelles' }).click();
      await page.getByRole('heading', { name: 'Données personnelles', level: 1 }).waitFor();
      for (const part of [
        'Qui est responsable',
        'Ce qui est enregistré',
        'Combien de temps',
        'Cookies',
        'Vos droits',
      ])
        expect(await page.getByRole('heading', { name: part }).count()).toBe(1);
      expect(await page.getByText(/réclamation à la CNIL/).count()).toBe(1);
      await expectAccessible(page, 'the personal-data page');

      await page.goto(`${j.baseUrl}/accessibilite`);
      await page.getByRole('heading', { name: 'Voies de recours' }).waitFor();
      for (const part of [
        'État de conformité',
        'Contenus non accessibles',
        'Retour d’information et contact',
      ])
        expect(await page.getByRole('heading', { name: part }).count()).toBe(1);
      expect(await page.getByText(/Cette déclaration a été établie le \d+ \S+ \d{4}\./).count()).toBe(1);
      expect(await page.getByText(/Libre réponse 71120, 75342 Paris CEDEX 07/).count()).toBe(1);
      await expectAccessible(page, 'the accessibility statement');
    },
    JOURNEY_MS,
  );

  it(
    'name the instance’s operator, its host and its address to write to, as its settings say',
    async () => {
      const named = await startJourney({
        config: {
          operator: {
            name: 'Région Exemple',
            address: '1 place de la République, 80000 Amiens',
            email: 'pass-numerique@region-exemple.fr',
            host: 'Hébergeur Exemple, 2 rue du Serveur, 59000 Lille',
          },
        },
      });
      try {
        const page = await named.newPage();
        await page.goto(`${named.baseUrl}/mentions-legales`);
        await page.getByText('Région Exemple').waitFor();
        expect(await page.getByText('1 place de la République, 80000 Amiens').count()).toBe(1);
        expect(await page.getByText('Hébergeur Exemple, 2 rue du Serveur, 59000 Lille').count()).toBe(1);
        const write = page.getByRole('link', { name: 'pass-numerique@region-exemple.fr' });
        expect(await write.getAttribute('href')).toBe('mailto:pass-numerique@region-exemple.fr');
        await page.goto(`${named.baseUrl}/accessibilite`);
        await page
          .getByText(/Vous pouvez aussi écrire à l’exploitant de cette plateforme, Région Exemple/)
          .waitFor();
        await page.goto(`${named.baseUrl}/donnees-personnelles`);
        await page.getByRole('link', { name: 'pass-numerique@region-exemple.fr' }).waitFor();
      } finally {
        await named.close();
      }
    },
    JOURNEY_MS,
  );
});
