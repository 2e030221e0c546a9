import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn as apiSignIn } from '../src/test/app.js';
import {
  chooseSuggestion,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  modalSettled,
  startJourney,
} from './browser.js';
import { publishQualificationRules } from './steps.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/** Pages load on a busy machine: a generous wait for what the server's answer brings. */
const poll = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 15_000, ...opts });

const CAMPAIGN = 'Pass numériques Hauts-de-France — campagne 2026 (démonstration)';

/**
 * Issue 11, point 4: the funder sets its questionnaire and charter and adds a place; the place's
 * admin, invited, applies (answers, accepts the charter, gives its IBAN); the funder approves
 * it, then suspends it with a reason, which the place reads at its desk.
 */
describe.runIf(hasBrowser)('a place is qualified, then suspended', () => {
  it(
    'goes from the funder’s questionnaire to the place’s desk telling why it is suspended',
    async () => {
      const funder = await j.newPage();
      await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
      await funder.waitForURL(/\/financeur$/);
      await funder.getByRole('link', { name: 'Lieux', exact: true }).click();
      await funder.waitForURL(/\/financeur\/lieux$/);
      await funder.getByRole('link', { name: 'Votre questionnaire et votre charte' }).waitFor();
      await funder.getByLabel('Nom du lieu').fill('Espace numérique de Creil');
      await funder.getByLabel('SIRET du lieu').fill('447 123 456 00017');
      await chooseSuggestion(funder, 'Commune du lieu', 'Creil', /^Creil \(60100\) — commune$/);
      await funder.getByRole('button', { name: 'Ajouter le lieu' }).click();
      await poll(() => funder.getByText('Lieu « Espace numérique de Creil » ajouté').count()).toBe(1);
      await expectAccessible(funder, 'places page');
      await funder.getByRole('link', { name: 'Espace numérique de Creil', exact: true }).click();
      await funder.waitForURL(/\/financeur\/lieux\/[0-9a-f-]{36}$/);
      const placeUrl = funder.url();

      // Before the funder's questionnaire and charter, and the place's bank account, « Approuver »
      // would only be refused: the page says what is missing instead, and where the funder
      // publishes its part (it once offered the button, then listed the reasons twice).
      const approve = funder.getByRole('button', { name: `Approuver pour « ${CAMPAIGN} »` });
      const publish = funder.getByRole('link', {
        name: `Publier votre questionnaire et votre charte pour « ${CAMPAIGN} »`,
      });
      await poll(() => publish.count()).toBe(1);
      expect(await approve.count()).toBe(0);
      const gaps = funder.getByTestId('approval-gaps').first();
      expect(await gaps.getByText('vous n’avez pas encore publié de charte').count()).toBe(1);
      expect(
        await gaps.getByText('le lieu n’a pas donné son compte bancaire (IBAN, BIC, titulaire)').count(),
      ).toBe(1);
      await expectAccessible(funder, 'place page before the questionnaire and charter');
      await publish.click();
      await funder.waitForURL(/\/financeur\/qualification$/);

      await publishQualificationRules(funder);
      await expectAccessible(funder, 'questionnaire and charter page');

      // Published: what is left is the place's to do, and no link to the funder's page.
      await funder.goto(placeUrl);
      await poll(() => funder.getByText('le lieu n’a pas accepté votre charte').count()).toBeGreaterThan(0);
      expect(await publish.count()).toBe(0);
      expect(await approve.count()).toBe(0);
      await funder.getByLabel('Adresse électronique', { exact: true }).fill('direction@en-creil.test');
      await funder.getByRole('button', { name: 'Créer l’invitation' }).click();
      const link = funder.getByTestId('invitation-url');
      await poll(() => link.count()).toBe(1);
      const invitation = (await link.getAttribute('href'))!;

      // The place's admin accepts the invitation and applies.
      const place = await j.newPage();
      await place.goto(`${j.baseUrl}${new URL(invitation).pathname}`);
      await place.getByLabel('Prénom et nom').fill('Claire Dumont');
      await place.getByLabel('Mot de passe', { exact: true }).fill('girafe lanterne escalier 83');
      await place.getByLabel('Confirmation du mot de passe').fill('girafe lanterne escalier 83');
      await place.getByRole('button', { name: 'Enregistrer' }).click();
      await place.waitForURL(/\/lieu$/);
      // A place the funder created has no description yet: its admin is asked to complete it.
      await poll(() => place.getByRole('link', { name: 'Compléter la fiche du lieu' }).count()).toBe(1);
      await place.getByRole('link', { name: 'Qualification', exact: true }).click();
      await place.waitForURL(/\/lieu\/qualification$/);

      // On a phone, the bank's codes are typed in capitals, never « corrected » into words.
      for (const label of ['IBAN', 'BIC']) {
        const field = place.getByLabel(label);
        expect(await field.getAttribute('autocapitalize'), label).toBe('characters');
        expect(await field.getAttribute('autocorrect'), label).toBe('off');
        expect(await field.getAttribute('spellcheck'), label).toBe('false');
        expect(await field.getAttribute('autocomplete'), label).toBe('off');
      }

      // A wrong IBAN is refused, the field named, in French.
      await place.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 188');
      await place.getByLabel('BIC').fill('AGRIFRPP');
      await place.getByLabel('Titulaire du compte').fill('Espace numérique de Creil');
      await place.getByLabel('Mot de passe').fill('girafe lanterne escalier 83');
      await place.getByRole('button', { name: 'Enregistrer le compte bancaire' }).click();
      await poll(() =>
        place.getByText('IBAN invalide : vérifiez la clé de contrôle', { exact: false }).count(),
      ).toBeGreaterThan(0);
      await place.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
      await place.getByRole('button', { name: 'Enregistrer le compte bancaire' }).click();
      await poll(() => place.getByText('Compte bancaire enregistré.').count()).toBe(1);
      // The outcome takes the focus: a keyboard or a screen reader starts from it.
      await poll(() =>
        place.evaluate(
          () => document.activeElement?.textContent?.startsWith('Compte bancaire enregistré.') ?? false,
        ),
      ).toBe(true);
      // Read back in groups of four, as on the bank's papers.
      await poll(() => place.getByText(/IBAN FR76 3000 6000 0112 3456 7890 189 — BIC/).count()).toBe(1);

      // Changed, then given back: the place reads every account it has had, which the e-mail of
      // a change tells it to look at, with who recorded each and when.
      for (const iban of ['FR14 2004 1010 0505 0001 3M02 606', 'FR76 3000 6000 0112 3456 7890 189']) {
        await place.getByLabel('IBAN').fill(iban);
        await place.getByLabel('BIC').fill('AGRIFRPP');
        await place.getByLabel('Titulaire du compte').fill('Espace numérique de Creil');
        await place.getByLabel('Mot de passe').fill('girafe lanterne escalier 83');
        await place.getByRole('button', { name: 'Changer de compte bancaire' }).click();
        await poll(() => place.getByLabel('IBAN').inputValue()).toBe('');
      }
      const history = place.getByRole('table', { name: 'Comptes bancaires successifs du lieu' });
      await poll(() => history.getByRole('row').count()).toBe(4);
      const rows = await history.getByRole('row').allTextContents();
      expect(rows[1]).toContain('FR76 3000 6000 0112 3456 7890 189');
      expect(rows[1]).toContain('En vigueur');
      expect(rows[2]).toContain('FR14 2004 1010 0505 0001 3M02 606');
      expect(rows[2]).toContain('Remplacé');
      expect(rows[3]).toContain('Remplacé');
      await expectAccessible(place, 'the place’s bank accounts, one after the other');

      await place.getByLabel('Nom et qualité du signataire').fill('Claire Dumont, directrice');
      await place.getByRole('button', { name: 'Accepter la charte de Région Hauts-de-France' }).click();
      await poll(() => place.getByText(/par Claire Dumont, directrice/).count()).toBe(1);

      await place.getByRole('button', { name: `Répondre au questionnaire pour « ${CAMPAIGN} »` }).click();
      await place.getByRole('radio', { name: 'Oui' }).check({ force: true });
      await place.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await poll(() =>
        place.getByText('Candidature complète, en attente de la décision du financeur').count(),
      ).toBe(1);
      await expectAccessible(place, 'place qualification page');

      // The funder reads the application and approves, then suspends with a reason.
      await funder.goto(placeUrl);
      await poll(() => funder.getByText(/10 points sur 10 \(seuil 10\)/).count()).toBe(1);
      expect(await funder.getByText(/Version 1 acceptée le .* par Claire Dumont, directrice/).count()).toBe(
        1,
      );
      expect(await funder.getByText(/IBAN FR76 3000 6000 0112 3456 7890 189 — BIC/).count()).toBe(1);

      // The page was read before a colleague published the charter anew: the approval it offers
      // is refused by the server, whose reasons are read next, from the heading the focus goes to.
      const api = await apiSignIn(j.t.app, 'financeur@hautsdefrance.test');
      const funderId = api.session.memberships[0]!.funderId!;
      const v2 = await api.request('POST', `/api/v1/funders/${funderId}/charter`, {
        text: 'Le lieu accueille gratuitement les porteurs de pass, et le dit à l’entrée.',
      });
      expect(v2.statusCode, v2.body).toBe(201);
      await funder.getByRole('button', { name: `Approuver pour « ${CAMPAIGN} »` }).click();
      const refusal = funder.getByRole('alert').filter({ hasText: 'ne peut pas encore être approuvé' });
      await poll(() => refusal.count()).toBe(1);
      expect(await refusal.textContent()).toContain('pas celle en vigueur (version 2)');
      const heading = funder.getByRole('heading', { name: 'Qualification par dispositif' });
      await poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
      expect(
        await heading.evaluate(
          (h) => h.nextElementSibling?.textContent?.includes('ne peut pas encore être approuvé') ?? false,
        ),
      ).toBe(true);
      await expectAccessible(funder, 'place page, an approval refused');
      // The place accepts the new version; the page read again offers the approval, which passes.
      const placeApi = await apiSignIn(j.t.app, 'direction@en-creil.test', 'girafe lanterne escalier 83');
      const placeId = placeUrl.split('/').pop()!;
      const accepted = await placeApi.request('POST', `/api/v1/places/${placeId}/applications/charter`, {
        funderId,
        version: 2,
        signatory: 'Claire Dumont, directrice',
      });
      expect(accepted.statusCode, accepted.body).toBeLessThan(300);
      await funder.goto(placeUrl);
      await funder.getByRole('button', { name: `Approuver pour « ${CAMPAIGN} »` }).click();
      await poll(() => funder.getByText(`Approuvé pour « ${CAMPAIGN} ».`).count()).toBe(1);
      await funder.getByRole('button', { name: `Suspendre pour « ${CAMPAIGN} »` }).click();
      const dialog = funder.getByRole('dialog');
      await poll(() => dialog.isVisible()).toBe(true);
      await dialog.getByLabel('Motif de la décision').fill('Séances non déclarées en octobre');
      await modalSettled(dialog, true);
      await expectAccessible(funder, 'decision modal');
      // Double-clicked: one decision recorded, and its success stays on screen.
      let decisions = 0;
      funder.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/decisions')) decisions += 1;
      });
      await dialog.getByRole('button', { name: 'Confirmer' }).dblclick();
      await poll(() => funder.getByText(`Suspendu pour « ${CAMPAIGN} ».`).count()).toBe(1);
      await poll(() => funder.getByRole('cell', { name: 'Séances non déclarées en octobre' }).count()).toBe(
        1,
      );
      await modalSettled(funder.locator('#motif-decision'), false);
      expect(decisions).toBe(1);
      await expectAccessible(funder, 'place page of the funder');
      await funder.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(funder, 'place page of the funder at 360 px');

      // The place sees, at its desk, that it is suspended and why.
      await place.getByRole('link', { name: 'Encaisser', exact: true }).click();
      await place.waitForURL(/\/lieu$/);
      await poll(() => place.getByText(`Lieu suspendu pour « ${CAMPAIGN} »`).count()).toBe(1);
      await poll(() => place.getByText(/Séances non déclarées en octobre/).count()).toBe(1);
      await expectAccessible(place, 'desk of a suspended place');
      await place.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(place, 'desk of a suspended place at 360 px');
      await place.goto(`${j.baseUrl}/lieu/qualification`);
      await poll(() => place.getByText(/Statut : Suspendu/).count()).toBe(1);
      await expectAccessible(place, 'place qualification page at 360 px');
    },
    // A long journey (two people, five pages, eight accessibility checks).
    2 * JOURNEY_MS,
  );
});
