import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import * as auth from '../src/modules/auth/service.js';
import {
  chooseSuggestion,
  expectAccessibleAtBothWidths,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';
import { confirmRedemption, publishQualificationRules } from './steps.js';

/**
 * Issue 11, "What must be shown": the whole life of a programme on a platform just installed,
 * through the web app as its users would go, every page checked by axe at 1280 px and 360 px.
 */

// A 1×1 transparent PNG: the map's tiles never leave the machine in tests.
const EMPTY_TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const ADMIN_PASSWORD = 'phare granit estuaire 1904';
const FUNDER = 'Département de la Lozère';
const PROGRAM = 'Pass numérique Lozère';
const PRESCRIBER = 'CCAS de Mende';
const PLACE = 'Espace numérique du Gévaudan';
const INVITED_PLACE = 'Médiathèque de Marvejols';

let j: Journey;
beforeAll(async () => {
  if (!hasBrowser) return;
  // A platform as first installed: no demo data, only the administrator the operator creates
  // with `npm run cli -- admin create` (the same service; there is no page for it, by design).
  j = await startJourney({ demo: false });
  await auth.createPlatformAdmin(j.t.database.db, {
    email: 'exploitation@plateforme.test',
    displayName: 'Équipe d’exploitation',
    password: ADMIN_PASSWORD,
  });
});
afterAll(() => j?.close());

/** Pages load on a busy machine: a generous wait for what the server's answer brings. */
const poll = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 20_000, ...opts });

/** Accepts an invitation as a new account; the link names the configured public address. */
async function acceptInvitation(page: Page, url: string, name: string, password: string) {
  await page.goto(`${j.baseUrl}${new URL(url).pathname}`);
  await page.getByLabel('Prénom et nom').waitFor();
  // French elides: « en tant qu’administrateur », never « en tant que administrateur ».
  expect(await page.getByText(/en tant que [aeiou]/).count()).toBe(0);
  await expectAccessibleAtBothWidths(page, `invitation page of ${name}`);
  await page.getByLabel('Prénom et nom').fill(name);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Confirmation du mot de passe').fill(password);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
}

const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name, exact: true });

describe.runIf(hasBrowser)('a programme from nothing, through the web app', () => {
  it(
    'goes from a new funder to a pass redeemed and a place on the public map',
    async () => {
      const year = Number(businessDate().slice(0, 4));

      // 1. The platform admin creates the funder and hands over its first admin's invitation.
      const operator = await j.newPage();
      await operator.goto(`${j.baseUrl}/connexion`);
      await operator.getByLabel('Adresse électronique').waitFor();
      await expectAccessibleAtBothWidths(operator, 'sign-in page');
      await logIn(operator, j.baseUrl, 'exploitation@plateforme.test', ADMIN_PASSWORD);
      await operator.waitForURL(/\/admin$/);
      await operator.getByLabel('Nom du financeur').waitFor();
      // The platform's journal says how the admin signed in, in French.
      await poll(() => operator.getByText('Méthode : mot de passe').count()).toBe(1);
      await expectAccessibleAtBothWidths(operator, 'platform admin console');
      await operator.getByLabel('Nom du financeur').fill(FUNDER);
      await operator.getByLabel('Type de collectivité').selectOption({ label: 'Département' });
      await operator.getByLabel('SIRET').fill('224 800 015 00014');
      await chooseSuggestion(operator, 'Territoire', 'lozere', 'Lozère (48) — département');
      await operator.getByLabel(/premier administrateur/).fill('direction@lozere.test');
      await operator.getByRole('button', { name: 'Enregistrer' }).click();
      const adminLink = operator.getByTestId('invitation-url');
      await poll(() => adminLink.count()).toBe(1);
      await expectAccessibleAtBothWidths(operator, 'platform admin console with the invitation link');
      const adminUrl = (await adminLink.textContent())!.trim();

      // 2. Its admin accepts, lands on the empty console, creates the programme from its deliberation.
      const funder = await j.newPage();
      await acceptInvitation(funder, adminUrl, 'Camille Rouvière', 'glycine marronnier pivoine 72');
      await funder.waitForURL(/\/financeur$/);
      await poll(() =>
        funder.getByText('Aucun dispositif n’est encore enregistré pour ce financeur.').count(),
      ).toBe(1);
      // The first steps name every stage of the journey, prescribers and places included.
      const firstSteps = funder.getByRole('region', { name: 'Pour commencer' });
      expect(await firstSteps.getByRole('link', { name: 'Prescripteurs', exact: true }).count()).toBe(1);
      expect(await firstSteps.getByRole('link', { name: 'Lieux', exact: true }).count()).toBe(1);
      // The funder's bank account too, which paying the places needs: not recorded yet.
      const accountStep = firstSteps.getByTestId('premiers-pas-compte');
      await poll(() => accountStep.textContent()).toMatch(/^Enregistrez le compte bancaire du financeur/);
      expect(await accountStep.getByRole('link', { name: 'Paramètres', exact: true }).count()).toBe(1);
      await expectAccessibleAtBothWidths(funder, 'empty funder console');
      await funder.getByRole('link', { name: 'Créer un dispositif' }).click();
      await funder.waitForURL(/\/financeur\/programmes\/nouveau$/);
      const box = (name: string) => funder.getByRole('textbox', { name, exact: true });
      await box('Nom du dispositif').waitFor();
      await expectAccessibleAtBothWidths(funder, 'new programme form');
      // The founding deliberation and what it decides, field by field as they are labelled.
      const fields: [string, string][] = [
        ['Instance qui a délibéré', 'Commission permanente du Conseil départemental'],
        ['Numéro de la délibération', 'CP-2026-118'],
        ['Date de la décision', `${year - 1}-01-10`],
        ['Date d’effet', `${year - 1}-01-15`],
        ['Votes pour', '31'],
        ['Votes contre', '0'],
        ['Abstentions', '2'],
        ['Texte de la délibération', 'Article 1 : un pass numérique est créé.'],
        ['Nom du dispositif', PROGRAM],
        ['Valeur faciale d’un pass, en euros', '10'],
        ['Nombre de pass prévus', '2 000'],
        ['Pass par personne', '10'],
        ['Début de la distribution', `${year - 1}-02-01`],
        ['Fin de la distribution', `${year + 1}-06-30`],
        ['Fin d’utilisation des pass', `${year + 1}-12-31`],
        ['Acquisition des pass, en euros', '20 000'],
        ['Ingénierie d’accompagnement, en euros', '2 000'],
      ];
      for (const [name, value] of fields) await box(name).fill(value);
      await funder.getByLabel('Carnets de 5 pass').check({ force: true });
      await funder.getByLabel('Personnes de 60 ans et plus').check({ force: true });
      await funder.getByRole('button', { name: 'Créer le dispositif' }).click();
      // The new programme's own page, where its next steps are.
      await funder.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);
      await poll(() => funder.getByText(`Le dispositif « ${PROGRAM} » a été créé.`).count()).toBe(1);
      await menu(funder, 'Dispositifs').click();
      await funder.waitForURL(/\/financeur$/);
      await funder.getByRole('link', { name: PROGRAM, exact: true }).waitFor();
      await expectAccessibleAtBothWidths(funder, 'funder console with its programme');

      // 3. A prescriber, and the invitation of its agent.
      await menu(funder, 'Prescripteurs').click();
      await funder.waitForURL(/\/financeur\/prescripteurs$/);
      await funder.getByLabel('Nom de la structure').waitFor();
      await expectAccessibleAtBothWidths(funder, 'empty prescribers page');
      await funder.getByLabel('Nom de la structure').fill(PRESCRIBER);
      await funder
        .getByLabel('Type de structure')
        .selectOption({ label: 'CCAS (centre communal d’action sociale)' });
      await chooseSuggestion(funder, 'Commune de la structure', 'Mende', 'Mende (48000) — commune');
      await funder.getByRole('button', { name: 'Ajouter le prescripteur' }).click();
      await poll(() => funder.getByText(`Prescripteur « ${PRESCRIBER} » ajouté`).count()).toBe(1);
      const prescriberRow = funder
        .getByRole('row')
        .filter({ has: funder.getByRole('rowheader', { name: PRESCRIBER }) });
      await prescriberRow.getByRole('button', { name: `Inviter un agent de ${PRESCRIBER}` }).click();
      const invitation = funder.getByRole('region', { name: `Inviter un agent de « ${PRESCRIBER} »` });
      await invitation.getByLabel('Adresse électronique de l’agent').fill('accueil@ccas-mende.test');
      await invitation.getByRole('button', { name: 'Créer l’invitation' }).click();
      const agentLink = invitation.getByTestId('invitation-url');
      await poll(() => agentLink.count()).toBe(1);
      await expectAccessibleAtBothWidths(funder, 'prescribers page with an invitation link');
      const agentUrl = (await agentLink.getAttribute('href'))!;

      const agent = await j.newPage();
      await acceptInvitation(agent, agentUrl, 'Inès Vidal', 'girafe lanterne escalier 83');
      await agent.waitForURL(/\/prescripteur$/);
      await poll(() => agent.getByRole('heading', { name: 'Remettre un carnet' }).count()).toBe(1);
      await expectAccessibleAtBothWidths(agent, 'prescriber console without booklets');

      // 4. The funder's questionnaire and charter, which the places will answer and accept.
      await menu(funder, 'Lieux').click();
      await funder.waitForURL(/\/financeur\/lieux$/);
      await funder.getByRole('link', { name: 'Votre questionnaire et votre charte' }).waitFor();
      await expectAccessibleAtBothWidths(funder, 'empty places page');
      await funder.getByRole('link', { name: 'Votre questionnaire et votre charte' }).click();
      await funder.waitForURL(/\/financeur\/qualification$/);
      await funder.getByLabel('Intitulé de la question').waitFor();
      await expectAccessibleAtBothWidths(funder, 'empty questionnaire and charter page');
      await publishQualificationRules(funder);
      await expectAccessibleAtBothWidths(funder, 'questionnaire and charter page');

      // 5. The funder invites a place it knows: adds it, hands its admin an invitation.
      await menu(funder, 'Lieux').click();
      await funder.waitForURL(/\/financeur\/lieux$/);
      await funder.getByLabel('Nom du lieu').fill(INVITED_PLACE);
      await funder.getByLabel('SIRET du lieu').fill('447 123 456 00017');
      await chooseSuggestion(funder, 'Commune du lieu', 'Marvejols', /^Marvejols \(48100\) — commune$/);
      await funder.getByRole('button', { name: 'Ajouter le lieu' }).click();
      await poll(() => funder.getByText(`Lieu « ${INVITED_PLACE} » ajouté`).count()).toBe(1);
      await expectAccessibleAtBothWidths(funder, 'places page with a place added');
      // The notice leads to where the place's admin is invited (it once sent to the team page).
      await funder.getByRole('link', { name: `Inviter l’administrateur de « ${INVITED_PLACE} »` }).click();
      await funder.waitForURL(/\/financeur\/lieux\/[0-9a-f-]{36}#inviter-admin$/);
      // Landed on the invitation, its heading focused, once the place's page has drawn it.
      const inviteHeading = funder.getByRole('heading', { name: 'Inviter l’administrateur du lieu' });
      await poll(() => inviteHeading.evaluate((h) => document.activeElement === h)).toBe(true);
      await funder
        .getByLabel('Adresse électronique', { exact: true })
        .fill('direction@mediatheque-marvejols.test');
      await funder.getByRole('button', { name: 'Créer l’invitation' }).click();
      const placeLink = funder.getByTestId('invitation-url');
      await poll(() => placeLink.count()).toBe(1);
      await expectAccessibleAtBothWidths(funder, 'place page of the funder with an invitation link');
      const invitedPlace = await j.newPage();
      await acceptInvitation(
        invitedPlace,
        (await placeLink.getAttribute('href'))!,
        'Claire Dumont',
        'roseau meunier ardoise 64',
      );
      await invitedPlace.waitForURL(/\/lieu$/);
      // Added by the funder with a name and a commune only: its admin is asked to complete it.
      await poll(() => invitedPlace.getByRole('link', { name: 'Compléter la fiche du lieu' }).count()).toBe(
        1,
      );
      await poll(() =>
        invitedPlace
          .getByRole('heading', { name: 'Votre lieu n’est encore qualifié pour aucun dispositif' })
          .count(),
      ).toBe(1);
      await expectAccessibleAtBothWidths(invitedPlace, 'desk of an invited place');

      // 6. Another place finds its way in by itself: the public form, from the sign-in page.
      const place = await j.newPage();
      await place.goto(`${j.baseUrl}/connexion`);
      await place.getByRole('link', { name: 'Inscrire votre lieu de médiation numérique' }).click();
      await place.waitForURL(/\/lieux\/inscription$/);
      await place.getByLabel(FUNDER).waitFor({ state: 'attached' });
      await expectAccessibleAtBothWidths(place, 'registration form');
      await place.getByLabel('Nom du lieu', { exact: true }).fill(PLACE);
      await place.getByRole('textbox', { name: 'SIRET', exact: true }).fill('442 000 000 000 12');
      await chooseSuggestion(place, 'Commune', 'Mende', /^Mende \(48000\) — commune$/);
      await place.getByRole('textbox', { name: 'Adresse', exact: true }).fill('2 place du Foirail');
      await place.getByLabel('Code postal', { exact: true }).fill('48000');
      await place.getByRole('textbox', { name: 'Latitude', exact: true }).fill('44,5181');
      await place.getByRole('textbox', { name: 'Longitude', exact: true }).fill('3,4996');
      await place.getByLabel('Ouvert le lundi').check({ force: true });
      await place.getByLabel('Aide aux démarches administratives').check({ force: true });
      await place.getByLabel('Seniors').check({ force: true });
      await place.getByLabel(FUNDER).check({ force: true });
      await place.getByLabel('Votre nom').fill('Nadia Bensaïd');
      await place.getByLabel('Votre adresse électronique').fill('nadia@gevaudan.test');
      await place
        .getByRole('textbox', { name: 'Mot de passe', exact: true })
        .fill('causse lavande aubrac 51');
      await place.getByLabel('Confirmation du mot de passe').fill('causse lavande aubrac 51');
      await place.getByRole('button', { name: 'Inscrire le lieu' }).click();
      await place.waitForURL(/\/lieu$/, { timeout: 30_000 });
      await place.getByRole('heading', { level: 1, name: 'Encaisser un pass' }).waitFor();
      await poll(() => place.getByText(PLACE).count()).toBeGreaterThan(0);
      // Not qualified yet: the desk says so, and where to apply.
      const notQualified = place.getByRole('heading', {
        name: 'Votre lieu n’est encore qualifié pour aucun dispositif',
      });
      await poll(() => notQualified.count()).toBe(1);
      await expectAccessibleAtBothWidths(place, 'desk of a place not yet qualified');

      // 7. It applies: bank account, charter, questionnaire.
      await place.getByRole('link', { name: 'Candidater depuis la page Qualification' }).click();
      await place.waitForURL(/\/lieu\/qualification$/);
      await place.getByLabel('IBAN').waitFor();
      await expectAccessibleAtBothWidths(place, 'place qualification page before applying');
      await place.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
      await place.getByLabel('BIC').fill('AGRIFRPP');
      await place.getByLabel('Titulaire du compte').fill(PLACE);
      await place.getByLabel('Mot de passe').fill('causse lavande aubrac 51');
      await place.getByRole('button', { name: 'Enregistrer le compte bancaire' }).click();
      await poll(() => place.getByText('Compte bancaire enregistré.').count()).toBe(1);
      await place.getByLabel('Nom et qualité du signataire').fill('Nadia Bensaïd, coordinatrice');
      await place.getByRole('button', { name: `Accepter la charte de ${FUNDER}` }).click();
      await poll(() => place.getByText(/par Nadia Bensaïd, coordinatrice/).count()).toBe(1);
      await place.getByRole('button', { name: `Répondre au questionnaire pour « ${PROGRAM} »` }).click();
      await place.getByRole('radio', { name: 'Oui' }).check({ force: true });
      await place.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await poll(() =>
        place.getByText('Candidature complète, en attente de la décision du financeur').count(),
      ).toBe(1);
      await expectAccessibleAtBothWidths(place, 'place qualification page, application complete');

      // 8. The funder finds the candidate among its places and approves it for the programme.
      await menu(funder, 'Lieux').click();
      await funder.waitForURL(/\/financeur\/lieux$/);
      const candidate = funder.getByRole('link', { name: PLACE, exact: true });
      await poll(() => candidate.count()).toBe(1);
      await expectAccessibleAtBothWidths(funder, 'places page with a candidate');
      await candidate.click();
      await funder.waitForURL(/\/financeur\/lieux\/[0-9a-f-]{36}$/);
      await poll(() => funder.getByText(/10 points sur 10 \(seuil 10\)/).count()).toBe(1);
      await expectAccessibleAtBothWidths(funder, 'place page of the funder, application to decide');
      await funder.getByRole('button', { name: `Approuver pour « ${PROGRAM} »` }).click();
      await poll(() => funder.getByText(`Approuvé pour « ${PROGRAM} ».`).count()).toBe(1);
      await expectAccessibleAtBothWidths(funder, 'place page of the funder, place approved');

      // 9. Booklets issued, funded, allocated to the prescriber.
      await menu(funder, 'Dispositifs').click();
      await funder.waitForURL(/\/financeur$/);
      await funder.getByRole('link', { name: PROGRAM, exact: true }).click();
      await funder.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);
      const programUrl = funder.url();
      await funder.getByRole('link', { name: 'Émettre des carnets' }).waitFor();
      await expectAccessibleAtBothWidths(funder, 'programme page');
      await funder.getByRole('link', { name: 'Émettre des carnets' }).click();
      await funder.getByLabel('Nombre de carnets').waitFor();
      await expectAccessibleAtBothWidths(funder, 'issue form');
      await funder.getByLabel('Nombre de carnets').fill('2');
      await funder.getByText('Carnets de 5 pass', { exact: true }).click();
      await funder.getByRole('button', { name: 'Émettre les carnets' }).click();
      await poll(() => funder.getByText('Carnets émis').count()).toBeGreaterThan(0);
      await expectAccessibleAtBothWidths(funder, 'issue result');
      // The codes for the printer: what ends up on the paper booklets and their QR codes.
      const [download] = await Promise.all([
        funder.waitForEvent('download'),
        funder.getByRole('link', { name: /Télécharger les codes pour l’imprimeur/ }).click(),
      ]);
      const printed = fs
        .readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(';') as [string, string, string]);
      expect(printed).toHaveLength(10);

      // Nothing funded yet: the result says so, and leads to where the funds are recorded.
      await poll(() =>
        funder.getByText(/^Aucun pass n’est encore activé : ils le seront quand les fonds/).count(),
      ).toBe(1);
      await funder.getByRole('link', { name: 'Enregistrer un versement' }).click();
      await funder.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}\/versement$/);
      const payer = funder.getByLabel('Payeur');
      await poll(() => payer.locator('option').allTextContents()).toContain(FUNDER);
      await expectAccessibleAtBothWidths(funder, 'funding form');
      await payer.selectOption({ label: FUNDER });
      // The first half of the budget: one booklet's passes.
      await funder.getByLabel(/Montant reçu/).fill('50,00');
      await funder.getByLabel('Référence du versement').fill('TR-2026-0042');
      await funder.getByRole('button', { name: 'Enregistrer le versement' }).click();
      await funder.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);
      await poll(() => funder.getByText(/Versement de 50,00\s€ enregistré : 5 pass activés/).count()).toBe(1);
      await expectAccessibleAtBothWidths(funder, 'programme page after a funding');

      await funder.getByRole('link', { name: 'Confier des carnets à un prescripteur' }).click();
      await funder.getByLabel('Prescripteur').waitFor();
      await expectAccessibleAtBothWidths(funder, 'allocation form');
      await funder.getByLabel('Prescripteur').selectOption({ label: PRESCRIBER });
      // Both booklets, one of them not funded yet: said to the funder, who may go on.
      await funder.getByLabel('Nombre de carnets').fill('2');
      await funder.getByRole('button', { name: 'Confier les carnets' }).click();
      const allocated = funder.getByText(/Premier carnet : [A-Z][0-9A-Z]{5}-\d{7}-\d/);
      await poll(() => allocated.count()).toBeGreaterThan(0);
      const serial = /[A-Z][0-9A-Z]{5}-\d{7}-\d/.exec((await allocated.textContent())!)![0];
      const unfundedWarning = funder.getByText(
        /1 de ces carnets n’est pas encore financé : .* ne pourra le remettre/,
      );
      await poll(() => unfundedWarning.count()).toBe(1);
      const unfundedSerial = /[A-Z][0-9A-Z]{5}-\d{7}-\d/.exec((await unfundedWarning.textContent())!)![0];
      expect(unfundedSerial).not.toBe(serial);
      await expectAccessibleAtBothWidths(funder, 'allocation result');

      // 10. The prescriber's agent hands the booklet to a person at the front desk.
      await agent.reload();
      await poll(() => agent.getByText(serial).count()).toBeGreaterThan(0);
      // The desk sees which of its booklets it cannot hand out yet.
      await poll(() => agent.getByText(/2 carnets en stock, dont 1 pas encore financé/).count()).toBe(1);
      const unfundedRow = agent.getByRole('row', { name: new RegExp(unfundedSerial) });
      expect(await unfundedRow.getByText('Pas encore financé').count()).toBe(1);
      expect(
        await agent
          .getByRole('row', { name: new RegExp(serial) })
          .getByText('Pas encore financé')
          .count(),
      ).toBe(0);
      await expectAccessibleAtBothWidths(agent, 'prescriber console with a booklet in stock');
      await agent.getByRole('textbox', { name: 'Numéro du carnet', exact: true }).fill(serial);
      await agent.getByLabel('Prénom').fill('Josiane');
      await agent.getByLabel('Nom de famille').fill('Lefebvre');
      await agent.getByLabel('Date de naissance').fill('1952-04-09');
      await chooseSuggestion(agent, 'Commune de résidence', 'Mende', 'Mende (48000) — commune');
      await agent.getByLabel('Public visé').selectOption({ label: 'Personnes de 60 ans et plus' });
      await agent.getByRole('button', { name: 'Remettre le carnet', exact: true }).click();
      await poll(() => agent.getByText('Carnet remis').count()).toBeGreaterThan(0);
      await expectAccessibleAtBothWidths(agent, 'prescriber console after the hand-out');

      // 11. The place redeems a pass at its desk, the code read off the paper booklet.
      const [first, second] = printed.filter(([booklet]) => booklet === serial);
      const code = first![1];
      await menu(place, 'Encaisser').click();
      await place.waitForURL(/\/lieu$/);
      await place.getByLabel('Code du pass').fill(code);
      await place.getByRole('button', { name: 'Vérifier' }).click();
      const result = place.getByTestId('pass-check-result');
      await poll(() => result.getAttribute('data-status')).toBe('redeemable');
      // The banner read a list fetched before the qualification, reloaded in the background.
      await poll(() => notQualified.count()).toBe(0);
      await expectAccessibleAtBothWidths(place, 'desk with a pass to redeem');
      await confirmRedemption(place);
      await expectAccessibleAtBothWidths(place, 'desk after the redemption');

      // 12. Anyone finds the place in the public directory, in the list and on the map.
      const visitor = await j.newPage();
      await visitor.route('https://tile.openstreetmap.org/**', (route) =>
        route.fulfill({ contentType: 'image/png', body: EMPTY_TILE }),
      );
      // Josiane scans the QR code of her next pass: « Où utiliser mon pass ? ».
      await visitor.goto(`${j.baseUrl}${new URL(second![2]).pathname}`);
      const where = visitor.getByRole('link', { name: 'Où utiliser mon pass ?' });
      await poll(() => where.count()).toBe(1);
      await expectAccessibleAtBothWidths(visitor, 'QR landing page');
      await where.click();
      await visitor.waitForURL(/\/annuaire\/[0-9a-f-]{36}$/);
      const count = visitor.getByTestId('nombre-lieux');
      await poll(() => count.textContent()).toBe('1 lieu trouvé');
      await poll(() => visitor.getByTestId('liste-lieux').getByRole('link').allTextContents()).toEqual([
        PLACE,
      ]);
      const markers = visitor.locator('[data-testid="carte-annuaire"] .pn-map-place');
      await poll(() => markers.count()).toBe(1);
      await expectAccessibleAtBothWidths(visitor, 'directory of the programme');
      await visitor.getByTestId('liste-lieux').getByRole('link', { name: PLACE }).click();
      await visitor.waitForURL(/\/annuaire\/lieu\/[0-9a-f-]{36}$/);
      await poll(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe(PLACE);
      await poll(() => visitor.getByRole('row', { name: /Lundi/ }).textContent()).toMatch(
        /\d+\u00a0h\u00a0\d{2}/,
      );
      await expectAccessibleAtBothWidths(visitor, 'place page in the directory');
      // The directory's front page names the programme; the place invited, unqualified, is absent.
      await visitor.goto(`${j.baseUrl}/annuaire`);
      const programLink = visitor.getByRole('link', { name: new RegExp(PROGRAM) });
      await poll(() => programLink.count()).toBe(1);
      await expectAccessibleAtBothWidths(visitor, 'directory home');
      await programLink.click();
      await poll(() => count.textContent()).toBe('1 lieu trouvé');
      expect(await visitor.getByText(INVITED_PLACE).count()).toBe(0);

      // The funder's dashboard counts the redemption.
      await funder.goto(`${programUrl}/tableau-de-bord`);
      const redeemed = funder.getByTestId('dashboard-total-redeemed');
      await poll(() => redeemed.textContent()).toMatch(/^\D*1\D*$/);
      await expectAccessibleAtBothWidths(funder, 'programme dashboard');

      // To pay the place, the funder's own account is needed: the payments page leads to it.
      await menu(funder, 'Paiements').click();
      await funder.waitForURL(/\/financeur\/paiements$/);
      await funder.getByRole('link', { name: 'Enregistrez le compte bancaire du financeur' }).click();
      await funder.waitForURL(/\/financeur\/parametres#compte$/);
      const accountHeading = funder.getByRole('heading', { name: 'Compte bancaire', exact: true });
      await poll(() => accountHeading.evaluate((h) => document.activeElement === h)).toBe(true);
    },
    // Five people, some thirty pages, each checked twice by axe, on two shared cores.
    10 * JOURNEY_MS,
  );
});
