import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const PROGRAM = 'Pass numériques Somme 2026';
const CAF = 'CAF de la Somme';
const MEL = 'Métropole européenne de Lille';

/**
 * A funder's finance officer records a programme's co-funders in the web app: at its creation
 * (a share of the budget, and of the value of the passes used), then by an amendment that
 * edits the budget in force (a new co-funder with an amount, a raised acquisition line). The
 * co-funders' shares list both, and a funding can be recorded with the new co-funder as payer.
 */
describe.runIf(hasBrowser)('a programme’s budget and co-funders in the funder console', () => {
  it(
    'creates a programme with a co-funder, adds another by an amendment, and records its funding',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      const today = businessDate();
      const year = Number(today.slice(0, 4));
      const box = (name: string) => page.getByRole('textbox', { name, exact: true });
      const api = (path: string) =>
        page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<{
          state: { budget: { lines: unknown[]; cofunders: unknown[] } };
        }>;

      // 1. The founding deliberation, with one co-funder.
      await page.goto(`${j.baseUrl}/financeur/programmes/nouveau`);
      await box('Nom du dispositif').waitFor();
      expect(await page.getByText(/s’ajoutent par délibération modificative/).count()).toBe(0);
      const fields: [string, string][] = [
        ['Instance qui a délibéré', 'Commission permanente du conseil régional'],
        ['Numéro de la délibération', 'CP-2026-BUDGET'],
        ['Date de la décision', today],
        ['Date d’effet', today],
        ['Nom du dispositif', PROGRAM],
        ['Valeur faciale d’un pass, en euros', '10'],
        ['Nombre de pass prévus', '2 000'],
        ['Début de la distribution', today],
        ['Fin de la distribution', `${year + 1}-06-30`],
        ['Fin d’utilisation des pass', `${year + 1}-12-31`],
        ['Acquisition des pass, en euros', '20 000'],
        ['Ingénierie d’accompagnement, en euros', '2 000'],
      ];
      for (const [name, value] of fields) await box(name).fill(value);
      await page.getByLabel('Personnes de 60 ans et plus').check({ force: true });
      await page.getByRole('button', { name: 'Ajouter un cofinanceur' }).click();
      // The new row takes the focus.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
        .toBe('state.budget.cofunders.0.name');
      await box('Nom du cofinanceur 1').fill(CAF);
      const share = box('Part du budget du cofinanceur 1, en %');
      // Basis points typed by mistake: refused in French, at the field.
      await share.fill('2000');
      await box('Part de la valeur des pass utilisés payée par le cofinanceur 1, en %').fill('50 %');
      // A second row, added then removed.
      await page.getByRole('button', { name: 'Ajouter un cofinanceur' }).click();
      await box('Nom du cofinanceur 2').fill('Erreur');
      await page.getByRole('button', { name: 'Retirer le cofinanceur 2' }).click();
      expect(await box('Nom du cofinanceur 2').count()).toBe(0);
      await page.getByRole('button', { name: 'Créer le dispositif' }).click();
      await expect.poll(() => share.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => page.locator('.fr-error-text').allTextContents())
        .toContainEqual(expect.stringContaining('Un pourcentage ne peut pas dépasser 100 %'));
      await expectAccessible(page, 'new programme form with a co-funder refused');
      await share.fill('20');
      await page.getByRole('button', { name: 'Créer le dispositif' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);
      const programId = page.url().split('/').pop() as string;
      const created = await api(`/api/v1/programs/${programId}`);
      expect(created.state.budget.cofunders).toEqual([{ name: CAF, shareBps: 2000, usedShareBps: 5000 }]);

      // 2. An amendment: the budget in force is there to edit.
      await page.getByRole('link', { name: 'Ajouter une délibération modificative' }).click();
      await box('Nom du cofinanceur 1').waitFor();
      expect(await box('Nom du cofinanceur 1').inputValue()).toBe(CAF);
      expect(await box('Part du budget du cofinanceur 1, en %').inputValue()).toBe('20');
      expect(
        await box('Part de la valeur des pass utilisés payée par le cofinanceur 1, en %').inputValue(),
      ).toBe('50');
      expect(await box('Acquisition des pass, en euros').inputValue()).toBe('20 000,00');
      expect(await box('Ingénierie d’accompagnement, en euros').inputValue()).toBe('2 000,00');
      await page.getByLabel(/Date d.effet/).fill(today);
      await page.getByLabel(/Instance/).fill('Commission permanente du conseil régional');
      await page.getByLabel(/Numéro de (la )?délibération/).fill('CP-2026-BUDGET-2');
      await page.getByLabel(/Date de (la )?décision/).fill(today);
      await box('Acquisition des pass, en euros').fill('25 000');
      await page.getByRole('button', { name: 'Ajouter un cofinanceur' }).click();
      await box('Nom du cofinanceur 2').fill(MEL);
      const amount = box('Montant du cofinanceur 2, en euros');
      // Beyond what the server accepts: its refusal lands at this field.
      await amount.fill('200 000 000 000');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => page.getByRole('alert').getByRole('link').allTextContents())
        .toContainEqual(expect.stringContaining('Montant du cofinanceur 2, en euros'));
      await expectAccessible(page, 'amendment form with a co-funder’s amount refused');
      await amount.fill('4 000,50');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);

      const amended = await api(`/api/v1/programs/${programId}`);
      expect(amended.state.budget.cofunders).toEqual([
        { name: CAF, shareBps: 2000, usedShareBps: 5000 },
        { name: MEL, amountCents: 400_050 },
      ]);
      expect(amended.state.budget.lines).toEqual([
        { kind: 'acquisition', label: 'Acquisition des pass', amountCents: 2_500_000 },
        { kind: 'engineering', label: 'Ingénierie d’accompagnement', amountCents: 200_000 },
      ]);

      // 3. The co-funders' shares list both; the new one can pay.
      const shares = page.getByRole('table', { name: /Dû, versé et solde par cofinanceur/ });
      await expect.poll(() => shares.getByRole('row').filter({ hasText: CAF }).count()).toBe(1);
      expect(await shares.getByRole('row').filter({ hasText: CAF }).textContent()).toMatch(
        /50\s%\sdes pass utilisés/,
      );
      expect(await shares.getByRole('row').filter({ hasText: MEL }).count()).toBe(1);
      await page.getByRole('link', { name: 'Enregistrer un versement' }).click();
      const payer = page.getByLabel('Payeur');
      await expect.poll(() => payer.locator('option').allTextContents()).toContain(MEL);
      await payer.selectOption({ label: MEL });
      await page.getByLabel(/Montant reçu/).fill('1 000');
      await page.getByLabel('Référence du versement').fill('VIR-MEL-2026');
      await page.getByRole('button', { name: 'Enregistrer le versement' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);
      const fundings = page.getByRole('table', { name: 'Versements enregistrés' });
      await expect.poll(() => fundings.textContent()).toContain('VIR-MEL-2026');
      expect(await fundings.getByRole('row').filter({ hasText: 'VIR-MEL-2026' }).textContent()).toContain(
        MEL,
      );
    },
    JOURNEY_MS,
  );
});
