import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { signIn } from '../src/test/app.js';
import {
  chooseSuggestion,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';
import { siretFrom } from './steps.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/** Accepts an invitation as a new account, with a password the strength check takes. */
async function acceptInvitation(page: Page, url: string, name: string, password: string) {
  // The link names the configured public address; the test server listens elsewhere.
  await page.goto(`${j.baseUrl}${new URL(url).pathname}`);
  await page.getByLabel('Prénom et nom').fill(name);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Confirmation du mot de passe').fill(password);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
}

describe.runIf(hasBrowser)('a new funder starts from nothing', () => {
  it(
    'is created by the platform admin; its first admin creates a programme from its deliberation and invites a reader',
    async () => {
      // The platform admin creates the funder and gets its first admin's invitation link.
      const operator = await j.newPage();
      await logIn(operator, j.baseUrl, 'admin@pass-numerique.test');
      await operator.waitForURL(/\/admin$/);
      await operator.getByLabel('Nom du financeur').fill('Département de la Lozère');
      await operator.getByLabel('Type de collectivité').selectOption({ label: 'Département' });
      await operator.getByLabel('SIRET').fill(siretFrom('2004800000017'));
      // The territory is found by its name, never typed as a code.
      await chooseSuggestion(operator, 'Territoire', 'lozere', 'Lozère (48) — département', 'keyboard');
      await operator.getByLabel(/premier administrateur/).fill('premiere.admin@lozere.test');
      await operator.getByRole('button', { name: 'Enregistrer' }).click();
      const link = operator.getByTestId('invitation-url');
      await expect.poll(() => link.count()).toBe(1);
      const adminUrl = (await link.textContent())!.trim();

      // Its first admin accepts and lands on an empty console that says what to do.
      const page = await j.newPage();
      await acceptInvitation(page, adminUrl, 'Camille Rouvière', 'glycine marronnier pivoine 72');
      await page.waitForURL(/\/financeur$/);
      await expect
        .poll(() => page.getByText('Aucun dispositif n’est encore enregistré pour ce financeur.').count())
        .toBe(1);
      await expectAccessible(page, 'empty funder console');
      await page.getByRole('link', { name: 'Créer un dispositif' }).click();
      await page.waitForURL(/\/financeur\/programmes\/nouveau$/);
      await expectAccessible(page, 'new programme form');

      // Nothing filled: the form names what is missing before sending anything.
      await page.getByRole('button', { name: 'Créer le dispositif' }).click();
      await expect.poll(() => page.locator('.fr-error-text').count()).toBeGreaterThan(5);
      await expect
        .poll(() => page.getByText('Choisissez au moins un public visé, ou ajoutez-en un autre.').count())
        .toBeGreaterThan(0);

      const year = Number(businessDate().slice(0, 4));
      // By accessible name, exactly: hints and the other labels repeat some of the words.
      const box = (name: string) => page.getByRole('textbox', { name, exact: true });
      await box('Instance qui a délibéré').fill('Commission permanente du Conseil départemental');
      await box('Numéro de la délibération').fill('CP-2026-118');
      // Decided after it takes effect: the server refuses, and says so beside the field.
      await box('Date de la décision').fill(`${year - 1}-02-20`);
      await box('Date d’effet').fill(`${year - 1}-01-15`);
      await box('Votes pour').fill('31');
      await box('Votes contre').fill('0');
      await box('Abstentions').fill('2');
      await box('Texte de la délibération').fill('Article 1 : un pass numérique est créé.');
      await box('Nom du dispositif').fill('Pass numérique Lozère');
      await box('Valeur faciale d’un pass, en euros').fill('12,50');
      await box('Nombre de pass prévus').fill('2 000');
      await page.getByLabel('Carnets de 5 pass').check({ force: true });
      await page.getByLabel('Demandeurs d’emploi').check({ force: true });
      await page.getByLabel('Personnes de 60 ans et plus').check({ force: true });
      await box('Pass par personne').fill('10');
      await box('Début de la distribution').fill(`${year - 1}-02-01`);
      await box('Fin de la distribution').fill(`${year + 1}-06-30`);
      await box('Fin d’utilisation des pass').fill(`${year + 1}-12-31`);
      await box('Acquisition des pass, en euros').fill('25 000');
      await box('Ingénierie d’accompagnement, en euros').fill('2 500,50');
      await page.getByRole('button', { name: 'Créer le dispositif' }).click();
      const decided = box('Date de la décision');
      await expect.poll(() => decided.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => page.locator('.fr-error-text').allTextContents())
        .toContainEqual(expect.stringContaining('ne peut être postérieure à la date d'));
      await expectAccessible(page, 'new programme form with the server’s refusal');

      await decided.fill(`${year - 1}-01-10`);
      await page.getByRole('button', { name: 'Créer le dispositif' }).click();
      // The new programme's own page opens, where its next steps are; the list shows it too.
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);
      await expect
        .poll(() => page.getByText('Le dispositif « Pass numérique Lozère » a été créé.').count())
        .toBe(1);
      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Dispositifs', exact: true })
        .click();
      await page.waitForURL(/\/financeur$/);
      const row = page
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: 'Pass numérique Lozère', exact: true }) });
      await expect.poll(() => row.textContent()).toContain('En cours');
      expect(await row.textContent()).toMatch(/2\s000/);
      expect(await row.textContent()).toMatch(/12,50\s€/);
      await expectAccessible(page, 'funder console with its first programme');

      // What was recorded: the audiences with their labels, the figures in cents, the votes.
      const { rows } = await j.t.database.pool.query(
        `SELECT a.kind, a.number, a.votes_for, a.abstentions, a.changes FROM program_amendments a
         JOIN funders f ON f.id = a.funder_id WHERE f.name = 'Département de la Lozère'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        kind: 'creation',
        number: 'CP-2026-118',
        votes_for: 31,
        abstentions: 2,
      });
      expect(rows[0].changes).toMatchObject({
        faceValueCents: 1250,
        plannedPasses: 2000,
        bookletSizes: [5, 10],
        passesPerBeneficiary: 10,
        audiences: [
          { code: 'demandeur_emploi', label: 'Demandeurs d’emploi' },
          { code: 'senior_60_plus', minAge: 60 },
        ],
        budget: {
          lines: [
            { kind: 'acquisition', amountCents: 2_500_000 },
            { kind: 'engineering', amountCents: 250_050 },
          ],
        },
      });

      // The team page: a colleague invited read-only gets a link to hand over.
      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Équipe' })
        .click();
      await page.waitForURL(/\/financeur\/equipe$/);
      await expectAccessible(page, 'team page');
      await page.getByLabel('Adresse électronique de la personne invitée').fill('lecteur@lozere.test');
      await page.getByText(/^Consulter seulement/).click();
      await page.getByRole('button', { name: 'Créer l’invitation' }).click();
      const teamLink = page.getByTestId('team-invitation-url');
      await expect.poll(() => teamLink.count()).toBe(1);
      const readerUrl = (await teamLink.textContent())!.trim();
      expect(readerUrl).toMatch(/\/invitation\/[A-Za-z0-9_-]{20,}$/);
      // Waiting: the reader's invitation; the first admin's, accepted, is gone.
      const waiting = page.getByRole('table', { name: '1 invitation en attente' });
      await expect.poll(() => waiting.textContent()).toContain('lecteur@lozere.test');
      expect(await waiting.textContent()).toContain('Consultation seule');
      expect(await waiting.getByRole('rowheader').allTextContents()).toEqual(['lecteur@lozere.test']);
      expect(await waiting.textContent()).toContain('Camille Rouvière'); // who sent it
      await expectAccessible(page, 'team page with an invitation link');

      // The reader sees the programme, and no button to create one.
      const reader = await j.newPage();
      await acceptInvitation(reader, readerUrl, 'Lou Brunel', 'vallon causse genêt 1987');
      await reader.waitForURL(/\/financeur$/);
      await expect
        .poll(() => reader.getByRole('link', { name: 'Pass numérique Lozère', exact: true }).count())
        .toBe(1);
      expect(await reader.getByRole('link', { name: 'Créer un dispositif' }).count()).toBe(0);
      const me = await reader.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
      expect(me.memberships).toMatchObject([
        { role: 'funder_viewer', funderName: 'Département de la Lozère' },
      ]);
    },
    JOURNEY_MS,
  );

  it(
    'tells a reader of a funder without a programme that its admins will create it, with nothing to click',
    async () => {
      // Made through the API: a funder, its admin, and a reader the admin invites.
      const operator = await signIn(j.t.app, 'admin@pass-numerique.test', undefined, '10.60.0.1');
      const created = await operator.request('POST', '/api/v1/funders', {
        name: 'Communauté de communes du Haut-Allier',
        kind: 'epci',
        siret: siretFrom('2004300000025'),
        territory: [{ level: 'departement', code: '43' }],
        firstAdminEmail: 'admin@haut-allier.test',
      });
      expect(created.statusCode).toBe(201);
      const accept = (url: string, displayName: string) =>
        j.t.app.inject({
          method: 'POST',
          url: `/api/v1/invitations/${url.split('/invitation/')[1]}/accept`,
          payload: { displayName, password: 'sentier bruyère ruisseau 53' },
        });
      expect((await accept(created.json().invitationUrl, 'Alix Admin')).statusCode).toBe(200);
      const admin = await signIn(
        j.t.app,
        'admin@haut-allier.test',
        'sentier bruyère ruisseau 53',
        '10.60.0.2',
      );
      const invited = await admin.request('POST', `/api/v1/funders/${created.json().funder.id}/invitations`, {
        email: 'lecture@haut-allier.test',
        role: 'funder_viewer',
      });
      expect((await accept(invited.json().invitationUrl, 'Sacha Lecture')).statusCode).toBe(200);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lecture@haut-allier.test', 'sentier bruyère ruisseau 53');
      await page.waitForURL(/\/financeur$/);
      await expect.poll(() => page.getByText(/Les administrateurs du financeur le créeront/).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Créer un dispositif' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Équipe' }).count()).toBe(0);
      await expectAccessible(page, 'empty funder console of a reader');
      // Typed by hand, the form's address shows why there is no form.
      await page.goto(`${j.baseUrl}/financeur/programmes/nouveau`);
      await expect.poll(() => page.getByText('Consultation seule').count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Créer le dispositif' }).count()).toBe(0);
    },
    JOURNEY_MS,
  );
});
