import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a funder admin follows and amends a programme', () => {
  it(
    'logs in, reads the programme as of two dates, adds an amendment and sees it in the timeline',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await expectAccessible(page, 'programme list');
      // Today's status: the seed programme ended in 2024, the demo campaign runs.
      const row = (name: string) =>
        page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
      await expect.poll(() => row('Pass numériques Hauts-de-France').textContent()).toContain('Clôturé');
      await expect
        .poll(() => row('Pass numériques Hauts-de-France — campagne 2026 (démonstration)').textContent())
        .toContain('En cours');

      await page.getByRole('link', { name: 'Pass numériques Hauts-de-France', exact: true }).click();
      const planned = page.getByTestId('planned-passes');
      const status = page.getByTestId('program-status');
      await expect.poll(() => planned.textContent()).toMatch(/66\s100/);
      await expect.poll(() => status.textContent()).toBe('Clôturé');
      await expectAccessible(page, 'programme page');

      await page.getByLabel('Voir le dispositif au').fill('2020-03-01');
      await expect.poll(() => planned.textContent()).toMatch(/68\s750/);
      await expect.poll(() => status.textContent()).toBe('En cours');
      // A year typed digit by digit goes through 0002, 0020, 0202: none is asked for, nor said
      // to be an error, and the page stays at the last whole date.
      const url = page.url();
      for (const partial of ['0002-03-01', '0020-03-01', '0202-03-01']) {
        await page.getByLabel('Voir le dispositif au').fill(partial);
        expect(page.url()).toBe(url);
      }
      expect(await page.getByText('Chargement impossible').count()).toBe(0);
      expect(await planned.textContent()).toMatch(/68\s750/);

      await page.getByRole('link', { name: 'Ajouter une délibération modificative' }).click();
      await expectAccessible(page, 'amendment form');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      // Inline validation names the missing fields before anything is sent.
      await expect.poll(() => page.locator('.fr-error-text').count()).toBeGreaterThan(0);

      await page.getByLabel(/Date d.effet/).fill('2025-03-01');
      await page.getByLabel(/Instance/).fill('Commission permanente du conseil régional');
      await page.getByLabel(/Numéro de (la )?délibération/).fill('2025.00042');
      await page.getByLabel(/Date de (la )?décision|Décidée le/).fill('2025-03-01');
      await page.getByLabel(/Nombre de pass prévus|Pass prévues/).fill('67000');
      await page.getByRole('button', { name: 'Enregistrer' }).click();

      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]+$/);
      const timeline = page.getByRole('list', { name: 'Historique des délibérations' });
      await expect.poll(() => timeline.textContent()).toContain('2025.00042');
      await expect.poll(() => planned.textContent()).toMatch(/67\s000/);
      await expectAccessible(page, 'programme page after amendment');
    },
    JOURNEY_MS,
  );

  it(
    'issues booklets dated today by default, and gives a reason for a past date',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page
        .getByRole('link', { name: 'Pass numériques Hauts-de-France — campagne 2026 (démonstration)' })
        .click();
      await page.getByRole('link', { name: 'Émettre des carnets' }).click();
      const date = page.getByLabel('Date d’émission');
      await expect.poll(() => date.inputValue()).toBe(businessDate());
      await page.getByLabel('Nombre de carnets').fill('1');
      await page.getByText('Carnets de 10 pass').click();
      await date.fill('2026-02-01');
      const reason = page.getByLabel('Motif de la date passée');
      await expect.poll(() => reason.count()).toBe(1);
      await page.getByRole('button', { name: 'Émettre les carnets' }).click();
      await expect
        .poll(() => page.locator('.fr-error-text').allTextContents())
        .toContainEqual(expect.stringContaining('Indiquez pourquoi cette date est passée'));
      await reason.fill('Bon de commande signé en février');
      await page.getByRole('button', { name: 'Émettre les carnets' }).click();
      await expect.poll(() => page.getByText('Carnets émis').count()).toBeGreaterThan(0);
      await expectAccessible(page, 'issue form with a past date');
      const { rows } = await j.t.database.pool.query(
        `SELECT summary FROM audit_entries WHERE action = 'passes.issue' ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0].summary).toMatchObject({
        issuedOn: '2026-02-01',
        backdateReason: 'Bon de commande signé en février',
      });
      // The printer's file can be taken again later, from the list of the programme's issues.
      await page.reload();
      const history = page.getByRole('table', { name: /Émissions, les plus récentes/ });
      const latest = history.locator('tbody tr').first();
      await expect.poll(() => latest.locator('th').textContent()).toMatch(/^1(er)? février 2026$/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        latest.getByRole('link', { name: /^Codes des carnets/ }).click(),
      ]);
      const lines = fs
        .readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\n');
      expect(lines[0]).toBe('carnet;code;url_qr');
      expect(lines.slice(1)).toHaveLength(10);
      // Named for the downloads folder, not « codes-<uuid>.csv ».
      expect(download.suggestedFilename()).toMatch(/^codes-imprimeur-[a-z0-9-]+-lot-\d+\.csv$/);
      await expectAccessible(page, 'issue form with the list of issues');
    },
    JOURNEY_MS,
  );

  it(
    'records a funding from the list of payers, confirms it past a share, then cancels it with a reason',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.getByRole('link', { name: /campagne 2026/ }).click();
      await page.getByRole('link', { name: 'Enregistrer un versement' }).click();
      // The payer is chosen, never typed: the funder and its co-funders as of the date.
      const payer = page.getByLabel('Payeur');
      await expect.poll(() => payer.locator('option').allTextContents()).toContain('État (ANCT)');
      await payer.selectOption({ label: 'État (ANCT)' });
      // A date typed when the State was no co-funder (before the campaign): the payer stays
      // the State, and the field says why it cannot be (it silently became the Region).
      const receivedOn = page.locator('input[name="receivedOn"]');
      await receivedOn.fill('2026-01-10');
      await expect
        .poll(() => page.locator('.fr-error-text').allTextContents())
        .toContainEqual(
          expect.stringContaining('« État (ANCT) » n’est pas un payeur du dispositif au 10 janvier 2026'),
        );
      expect(await payer.inputValue()).toBe('État (ANCT)');
      await receivedOn.fill(businessDate());
      await expect.poll(() => page.locator('.fr-error-text').count()).toBe(0);
      await page.getByLabel(/Montant reçu/).fill('30000');
      await page.getByLabel('Référence du versement').fill('VIR-ERREUR');
      await page.getByRole('button', { name: 'Enregistrer le versement' }).click();
      // 31 500 € would pass the State's 25 000 € share: the form asks first.
      const confirm = page.getByLabel(/Je confirme ce versement/);
      await expect.poll(() => confirm.count()).toBe(1);
      await expectAccessible(page, 'funding form asking for a confirmation');
      await confirm.check({ force: true });
      await page.getByRole('button', { name: 'Enregistrer le versement' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]+$/);

      // The keyboard's focus follows the form: into it, back to its button, to what was done.
      const opener = page.getByRole('button', { name: 'Annuler le versement VIR-ERREUR' });
      const reasonField = page.getByLabel(/Motif de l.annulation/);
      const focused = (l: typeof opener) => l.evaluate((e) => e === document.activeElement);
      await opener.click();
      await expect.poll(() => focused(reasonField)).toBe(true);
      await page.getByRole('button', { name: 'Ne pas annuler' }).click();
      await expect.poll(() => focused(opener)).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(reasonField)).toBe(true);
      await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
      await expect.poll(() => page.getByText('Indiquez le motif de l’annulation.').count()).toBe(1);
      await expect.poll(() => focused(reasonField)).toBe(true);
      await reasonField.fill('Montant erroné');
      await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
        .toContain('Versement VIR-ERREUR annulé');
      const fundings = page.getByRole('table', { name: 'Versements enregistrés' });
      await expect.poll(() => fundings.textContent()).toContain('Montant erroné');
      expect(await fundings.textContent()).toMatch(
        /Montant erroné \([\d\s\u202f]+ pass du stock désactivés\)/,
      );
      await expectAccessible(page, 'programme page after a reversal');

      // The same funding entered twice (a double submission, a second officer): the form asks.
      const enter = async () => {
        await page.getByRole('link', { name: 'Enregistrer un versement' }).click();
        await expect
          .poll(() => payer.locator('option').allTextContents())
          .toContain('Région Hauts-de-France');
        await payer.selectOption({ label: 'Région Hauts-de-France' });
        await page.getByLabel(/Montant reçu/).fill('100');
        await page.getByLabel('Référence du versement').fill('VIR-DOUBLE');
        await page.getByRole('button', { name: 'Enregistrer le versement' }).click();
      };
      await enter();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]+$/);
      await enter();
      const again = page.getByLabel(/Je confirme qu’il s’agit d’un second versement/);
      await expect.poll(() => again.count()).toBe(1);
      expect(await page.locator('.fr-error-text, .fr-hint-text').allTextContents()).toContainEqual(
        expect.stringContaining('VIR-DOUBLE'),
      );
      await expectAccessible(page, 'funding form asking about a duplicate');
      const { rows } = await j.t.database.pool.query(
        `SELECT count(*)::int AS n FROM fundings WHERE reference = 'VIR-DOUBLE'`,
      );
      expect(rows[0].n).toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'moves a booklet from one prescriber to another and back to its stock, and reads its history',
    async () => {
      const stock = await j.t.database.pool.query(
        `SELECT b.serial FROM booklets b JOIN organisations o ON o.id = b.holder_id
        WHERE o.name = 'Mission locale du Grand Amiénois' AND b.status = 'allocated' ORDER BY serial LIMIT 1`,
      );
      const serial: string = stock.rows[0].serial;
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.getByRole('link', { name: 'Carnets', exact: true }).click();
      await page.getByLabel('Numéros des carnets').fill(serial.toLowerCase());
      await page.getByLabel('Destination').selectOption({ label: 'France Travail Lille Centre' });
      await page.getByRole('button', { name: 'Déplacer les carnets' }).click();
      await expect
        .poll(() => page.getByRole('status').allTextContents())
        .toContainEqual(expect.stringContaining('1 carnet déplacé vers France Travail Lille Centre'));
      await page.getByLabel('Numéros des carnets').fill(serial);
      await page.getByLabel('Destination').selectOption({ label: 'Retour au stock du financeur' });
      await page.getByRole('button', { name: 'Déplacer les carnets' }).click();
      await expect
        .poll(() => page.getByRole('status').allTextContents())
        .toContainEqual(expect.stringContaining('vers le stock du financeur'));

      await page.getByRole('textbox', { name: 'Numéro du carnet', exact: true }).fill(serial);
      await page.getByRole('button', { name: 'Afficher l’historique' }).click();
      const history = page.getByRole('table', { name: `Mouvements du carnet ${serial}` });
      await expect.poll(() => history.locator('tbody tr').count()).toBe(3);
      await expect.poll(() => history.textContent()).toContain('financeur@hautsdefrance.test');
      await expectAccessible(page, 'booklet movements');
    },
    JOURNEY_MS,
  );

  it(
    'lets an operator who works for two funders choose which one the console shows',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'operateur@mandataire.test');
      await page.waitForURL(/\/financeur$/);
      const title = page.getByRole('heading', { level: 1 });
      await expect.poll(() => title.textContent()).toBe('Dispositifs de Département du Pas-de-Calais');
      await expect
        .poll(() => page.getByRole('link', { name: 'Pass numériques Pas-de-Calais' }).count())
        .toBe(1);
      await expectAccessible(page, 'funder console of a person with two funders');

      await page
        .getByLabel('Vous agissez pour le financeur')
        .selectOption({ label: 'PETR du Pays de Verdun' });
      await page.getByRole('button', { name: 'Changer' }).click();
      await expect.poll(() => title.textContent()).toBe('Dispositifs de PETR du Pays de Verdun');
      await expect
        .poll(() => page.getByRole('link', { name: 'Pass Numérique Pays de Verdun' }).count())
        .toBe(1);
      expect(await page.getByRole('link', { name: 'Pass numériques Pas-de-Calais' }).count()).toBe(0);

      // The choice holds on the next visit from this browser.
      await page.goto(`${j.baseUrl}/financeur`);
      await expect.poll(() => title.textContent()).toBe('Dispositifs de PETR du Pays de Verdun');

      // A link to the other funder's programme (a bookmark, an e-mail): the console follows it
      // and says so, rather than claiming to act for Verdun on a Pas-de-Calais programme.
      const { rows } = await j.t.database.pool.query(
        `SELECT p.id FROM programs p JOIN funders f ON f.id = p.funder_id
          WHERE f.name = 'Département du Pas-de-Calais' LIMIT 1`,
      );
      await page.goto(`${j.baseUrl}/financeur/programmes/${rows[0].id}`);
      const actingFor = page.getByLabel('Vous agissez pour le financeur');
      await expect
        .poll(async () => (await actingFor.locator('option:checked').textContent())?.trim())
        .toBe('Département du Pas-de-Calais');
      // …and its list of programmes is that funder's from then on.
      await page.goto(`${j.baseUrl}/financeur`);
      await expect.poll(() => title.textContent()).toBe('Dispositifs de Département du Pas-de-Calais');
    },
    JOURNEY_MS,
  );
});
