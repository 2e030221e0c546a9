import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { signIn } from '../src/test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, redeemCodes } from '../src/test/circulation.js';
import {
  descriptionOf,
  expectAccessible,
  expectAccessibleAtBothWidths,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  modalSettled,
  startJourney,
} from './browser.js';

// Defects found by exploratory testing of the consoles: where the keyboard lands after an action
// on the prescriber's desk, what a read-only viewer is offered, and the French of a few messages.
let j: Journey;
let c: Circulation;
/** The PETR's programme: booklets of 10 only, and no co-funder. */
let verdunProgramId: string;

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
  const { rows } = await j.t.database.pool.query(
    `SELECT p.id FROM programs p JOIN funders f ON f.id = p.funder_id WHERE f.name = 'PETR du Pays de Verdun'`,
  );
  expect(rows).toHaveLength(1);
  verdunProgramId = rows[0].id;
});
afterAll(() => j?.close());

/** The element that has the keyboard focus: its id, its value, and whether it is on screen. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const box = el?.getBoundingClientRect();
    return {
      id: el?.id ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      value: el?.value ?? null,
      onScreen: !!box && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight,
    };
  });
}

describe.runIf(hasBrowser)('polish of the desks found by exploratory testing', () => {
  it(
    'takes the focus to the reason after « Bloquer », then to the replacement form after blocking',
    async () => {
      const { serials, codes } = await handedOutBooklets(j.t, c, 1);
      const serial = serials[0]!;
      // Nine of its ten passes used: the dialog counts the one left in French (« Ses 1 pass
      // non utilisé seront annulés »).
      const mediatheque = c.organisations['Médiathèque Louis Aragon']!;
      await redeemCodes(
        await signIn(j.t.app, 'lieu@hautsdefrance.test'),
        mediatheque,
        codes.slice(0, 9),
        `nine-${serial}`,
      );
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await logIn(page, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await page.waitForURL(/\/prescripteur$/);
      const handedOut = page.getByRole('table', { name: /Carnets remis par votre structure/ });
      const row = handedOut.getByRole('row').filter({ hasText: serial });
      await row.getByRole('button', { name: `Bloquer le carnet ${serial}` }).click();
      await expect.poll(() => page.getByLabel('Numéro du carnet perdu ou volé').inputValue()).toBe(serial);
      // The button pressed is now far below: the keyboard goes on from « Perdu », on screen.
      await expect.poll(() => focused(page)).toMatchObject({ id: 'champ-reason-0', onScreen: true });
      await page.keyboard.press('Space');
      expect(await page.getByLabel('Perdu', { exact: true }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Bloquer le carnet', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Bloquer ce carnet ?' });
      await modalSettled(page.locator('#confirmer-blocage'), true);
      expect(await dialog.textContent()).toContain(
        'Son pass non utilisé sera annulé et refusé par les lieux.',
      );
      // Double-clicked: one request, and the success stays (a second one's 409 replaced it).
      let blockRequests = 0;
      page.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith(`/booklets/${serial}/block`)) blockRequests += 1;
      });
      await dialog.getByRole('button', { name: 'Bloquer définitivement' }).dblclick();
      await expect.poll(() => page.getByText(`Le carnet ${serial} est bloqué`).count()).toBe(1);
      await modalSettled(page.locator('#confirmer-blocage'), false);
      expect(blockRequests).toBe(1);
      expect(await page.getByRole('heading', { name: 'Carnet bloqué', exact: true }).count()).toBe(1);
      expect(await page.getByText(/Le formulaire contient|déjà bloqué/).count()).toBe(0);

      // The panel's link leads to the replacement form, its blocked booklet already filled in.
      await page.getByRole('link', { name: 'Remettre un carnet de remplacement au bénéficiaire' }).click();
      await expect
        .poll(() => focused(page))
        .toMatchObject({ id: 'champ-blockedSerial', value: serial, onScreen: true });
      await expectAccessible(page, 'prescriber console on the replacement form');
    },
    JOURNEY_MS,
  );

  it(
    'shows a viewer the journal, filters and file included (an auditor’s seat), and does not send it to invite agents',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lecteur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/journal`);
      await expect.poll(() => page.getByRole('button', { name: 'Filtrer' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Consultation seule' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /Télécharger ces entrées/ }).count()).toBe(1);
      await expect.poll(() => page.getByRole('table', { name: /^Journal des actions/ }).count()).toBe(1);
      expect(await page.getByText('Chargement impossible').count()).toBe(0);
      // The auditor checks the whole chain, and reads the last seal to keep elsewhere.
      await page.getByRole('button', { name: 'Vérifier l’intégrité du journal' }).click();
      await expect
        .poll(() => page.getByText(/^Journal intact : [\d\s\u202f]+ actions vérifiées le/).count())
        .toBe(1);
      await page.getByText('Dernier sceau, à conserver hors de la plateforme').click();
      expect(await page.getByText(/BEGIN PUBLIC KEY/).count()).toBe(1);
      await expectAccessibleAtBothWidths(page, 'journal seen by a viewer');
      // The check ran on the server: the page opened again says how the last run ended.
      await page.reload();
      await expect
        .poll(() =>
          page.getByText(/^Dernière vérification : intacte, le .+ \([\d\s\u202f]+ actions\)\.$/).count(),
        )
        .toBe(1);

      // A prescriber without agents: the viewer is told so, not asked to invite any.
      await page.goto(`${j.baseUrl}/financeur/prescripteurs/${c.organisations['Antenne régionale de Laon']}`);
      const agents = page.getByRole('region', { name: 'Agents' });
      await expect.poll(() => agents.textContent()).toContain('Aucun agent n’a accès à ce prescripteur.');
      expect(await agents.textContent()).not.toContain('Invitez-en');

      // The booklets of a programme: listed, with no way offered to hand them to a prescriber.
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/carnets`);
      await page.getByRole('heading', { name: 'Carnets du dispositif' }).waitFor();
      await expect.poll(() => page.getByText(/Chaque carnet émis pour ce dispositif/).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Confier des carnets à un prescripteur' }).count()).toBe(0);

      // The admin still reads the invitation's hint.
      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'financeur@hautsdefrance.test');
      await admin.waitForURL(/\/financeur$/);
      await admin.goto(
        `${j.baseUrl}/financeur/prescripteurs/${c.organisations['Antenne régionale de Laon']}`,
      );
      await expect
        .poll(() => admin.getByRole('region', { name: 'Agents' }).textContent())
        .toContain('Invitez-en depuis la liste des prescripteurs.');
      // And is offered to hand booklets to a prescriber.
      await admin.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/carnets`);
      await expect
        .poll(() => admin.getByRole('link', { name: 'Confier des carnets à un prescripteur' }).count())
        .toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'names the prescriber in its invite button with French elision: « d’Antenne »',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/prescripteurs`);
      const invite = (name: string) => page.getByRole('button', { name, exact: true });
      await expect
        .poll(() => invite('Inviter un agent d’Antenne régionale de Laon').count(), { timeout: 10_000 })
        .toBe(1);
      expect(await invite('Inviter un agent de Antenne régionale de Laon').count()).toBe(0);
      expect(await invite('Inviter un agent de Mission locale du Grand Amiénois').count()).toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'offers only the booklet sizes the programme allows, and counts « 600 pass »',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@paysdeverdun.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${verdunProgramId}/emission`);
      const count = page.getByLabel('Nombre de carnets');
      await count.waitFor();
      const sizes = page.getByRole('group', { name: /Taille des carnets/ }).getByRole('radio');
      await expect.poll(() => sizes.count()).toBe(1);
      expect(await page.getByRole('radio', { name: 'Carnets de 10 pass' }).isChecked()).toBe(true);
      expect(await page.getByText('Carnets de 5 pass').count()).toBe(0);
      // Before the number, and with it: the programme's room (the PETR's deliberation plans 1,800 passes).
      await expect
        .poll(() => descriptionOf(count))
        .toBe('Pass prévus par le dispositif : 1 800 ; déjà émis : 0.');
      await count.fill('60');
      await expect
        .poll(() => descriptionOf(count))
        .toBe('Soit 600 pass. Pass prévus par le dispositif : 1 800 ; déjà émis : 0.');
      await expectAccessibleAtBothWidths(page, 'issue form of a programme of booklets of 10');
    },
    JOURNEY_MS,
  );

  it(
    'chooses the only payer by itself, and agrees « activé » with the passes it activated',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@paysdeverdun.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${verdunProgramId}/versement`);
      const payer = page.getByLabel('Payeur');
      await expect.poll(() => payer.inputValue()).toBe('PETR du Pays de Verdun');
      await page.getByLabel(/Montant reçu/).fill('3000');
      await page.getByLabel('Référence du versement').fill('VIR-PETR-2026');
      await page.getByRole('button', { name: 'Enregistrer le versement' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]+$/);
      const flash = page.getByText(/^Versement de 3 000,00\s€ enregistré/);
      await expect.poll(() => flash.count()).toBe(1);
      // « … : 0 pass activé. Le montant reste disponible… » when it activated none.
      const text = (await flash.textContent()) ?? '';
      const [, n, word] = /: ([\d\s]+) pass (\S+)\./.exec(text) ?? [];
      expect(word).toBe(Number(n?.replace(/\s/g, '')) > 1 ? 'activés' : 'activé');
      expect(text.includes('reste disponible')).toBe(n === '0');
    },
    JOURNEY_MS,
  );

  it(
    'gives an example of deliberating body that fits any funder, not only a Region',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@paysdeverdun.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${verdunProgramId}/avenant`);
      const body = page.getByRole('textbox', { name: 'Instance qui a délibéré', exact: true });
      await body.waitFor();
      const hint = await descriptionOf(body);
      expect(hint).not.toMatch(/Conseil régional|Conseil départemental/);
      expect(hint).toContain('conseil syndical');
    },
    JOURNEY_MS,
  );

  it(
    'opens the new programme’s page once it is created, with its next steps',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@paysdeverdun.test');
      await page.waitForURL(/\/financeur$/);
      await page.getByRole('link', { name: 'Créer un dispositif' }).click();
      await page.waitForURL(/\/financeur\/programmes\/nouveau$/);
      const year = Number(businessDate().slice(0, 4));
      const box = (name: string) => page.getByRole('textbox', { name, exact: true });
      await box('Instance qui a délibéré').fill('Conseil syndical du PETR du Pays de Verdun');
      await box('Numéro de la délibération').fill(`DE${year}001`);
      await box('Date de la décision').fill(`${year - 1}-12-10`);
      await box('Date d’effet').fill(`${year - 1}-12-15`);
      await box('Nom du dispositif').fill('Pass Numérique Pays de Verdun — relance');
      await box('Valeur faciale d’un pass, en euros').fill('10');
      await box('Nombre de pass prévus').fill('500');
      await page.getByLabel('Personnes de 60 ans et plus').check({ force: true });
      await box('Début de la distribution').fill(`${year - 1}-12-15`);
      await box('Fin de la distribution').fill(`${year + 1}-06-30`);
      await box('Fin d’utilisation des pass').fill(`${year + 1}-12-31`);
      await page.getByRole('button', { name: 'Créer le dispositif' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Pass Numérique Pays de Verdun — relance');
      expect(
        await page.getByText('Le dispositif « Pass Numérique Pays de Verdun — relance » a été créé.').count(),
      ).toBe(1);
      // The next steps come with the stock and money, read a moment later.
      await expect.poll(() => page.getByRole('link', { name: 'Émettre des carnets' }).count()).toBe(1);
    },
    JOURNEY_MS,
  );
});
