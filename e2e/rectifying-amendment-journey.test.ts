import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../src/core/dates.js';
import { type Circulation, demoCampaign } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

// A funder's programme manager rectifies a deliberation recorded with a wrong figure. The form
// opens with the budget in force, the wrong deliberation's raise and co-funder included; left as
// they are, they used to be dropped from the rectifying deliberation, which supersedes the wrong
// one: the programme silently went back to the budget before it.
let j: Journey;
let c: Circulation;
const today = businessDate();
const CAF = 'CAF du Nord';

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a rectifying deliberation recorded in the amendment form', () => {
  it(
    'keeps the raised budget and the added co-funder of the deliberation it rectifies',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      const box = (name: string | RegExp) => page.getByRole('textbox', { name, exact: true });
      const acquisition = box(/^Acquisition de 5.000 pass de 10.€, en euros$/);
      const api = () =>
        page.evaluate(async (p) => (await fetch(p)).json(), `/api/v1/programs/${c.programId}`) as Promise<{
          state: {
            plannedPasses: number;
            budget: { lines: { amountCents: number }[]; cofunders: { name: string }[] };
          };
        }>;
      const deliberation = async (number: string) => {
        await page.getByLabel(/Date d.effet/).fill(today);
        await page.getByLabel(/Instance/).fill('Commission permanente du conseil régional');
        await page.getByLabel(/Numéro de (la )?délibération/).fill(number);
        await page.getByLabel(/Date de (la )?décision/).fill(today);
      };

      // 1. The deliberation as recorded: 6 000 passes (a typo for 5 500), the acquisition
      // raised from 50 000 € to 60 000 €, and a new co-funder.
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/avenant`);
      await acquisition.waitFor();
      expect(await acquisition.inputValue()).toBe('50 000,00');
      await deliberation('CP-2026-AVENANT');
      await box('Nombre de pass prévus').fill('6 000');
      await acquisition.fill('60 000');
      await page.getByRole('button', { name: 'Ajouter un cofinanceur' }).click();
      await box('Nom du cofinanceur 2').fill(CAF);
      await box('Montant du cofinanceur 2, en euros').fill('5 000');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);
      const wrong = await api();
      expect(wrong.state.plannedPasses).toBe(6_000);
      expect(wrong.state.budget.lines[0]?.amountCents).toBe(6_000_000);

      // 2. Its rectification: only the number of passes is corrected; the budget, shown as
      // the wrong deliberation left it, is not touched.
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/avenant`);
      await acquisition.waitFor();
      expect(await acquisition.inputValue()).toBe('60 000,00');
      expect(await box('Nom du cofinanceur 2').inputValue()).toBe(CAF);
      const rectified = page.getByLabel('Délibération rectifiée');
      const option = rectified.locator('option', { hasText: 'CP-2026-AVENANT' });
      await rectified.selectOption((await option.getAttribute('value')) as string);
      await deliberation('CP-2026-AVENANT-RECTIF');
      await page.getByLabel('Texte de la délibération').fill('Rectifie le nombre de pass prévus.');
      await box('Nombre de pass prévus').fill('5 500');
      await expectAccessible(page, 'amendment form rectifying a deliberation');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);

      // 3. The programme page still shows the raised budget and the co-funder.
      const lines = page.getByRole('table', { name: 'Postes de dépense' });
      await expect
        .poll(() => lines.getByRole('row').filter({ hasText: 'Acquisition' }).textContent())
        .toContain('60 000,00 €');
      const funding = page.getByRole('table', { name: 'Répartition du financement' });
      expect(await funding.getByRole('row').filter({ hasText: CAF }).textContent()).toContain('5 000,00 €');
      const fixed = await api();
      expect(fixed.state.plannedPasses).toBe(5_500);
      expect(fixed.state.budget.lines[0]?.amountCents).toBe(6_000_000);
      expect(fixed.state.budget.cofunders.map((f) => f.name)).toEqual(['État (ANCT)', CAF]);
      await expectAccessible(page, 'programme page after a rectifying deliberation');
    },
    JOURNEY_MS,
  );

  // A deliberation voted now for next spring raised the acquisition; its rectification was
  // opened with today's budget (without that raise), and saving it took the budget back.
  it(
    'shows and keeps the budget of a deliberation that takes effect later',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      const box = (name: string | RegExp) => page.getByRole('textbox', { name, exact: true });
      const acquisition = box(/^Acquisition de [\d\s\u202f\u00a0.]+ pass de 10.€, en euros$/);
      const spring = addDays(today, 90);
      const deliberation = async (number: string) => {
        await page.getByLabel(/Date d.effet/).fill(spring);
        await page.getByLabel(/Instance/).fill('Commission permanente du conseil régional');
        await page.getByLabel(/Numéro de (la )?délibération/).fill(number);
        await page.getByLabel(/Date de (la )?décision/).fill(today);
      };
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/avenant`);
      await acquisition.waitFor();
      const now = await acquisition.inputValue();
      await deliberation('CP-PRINTEMPS-BIS');
      await acquisition.fill('70 000');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);

      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/avenant`);
      await acquisition.waitFor();
      expect(await acquisition.inputValue()).toBe(now);
      const rectified = page.getByLabel('Délibération rectifiée');
      const option = rectified.locator('option', { hasText: 'CP-PRINTEMPS-BIS' });
      await rectified.selectOption((await option.getAttribute('value')) as string);
      // The budget shown is the one the rectified deliberation sets, on its date.
      await expect.poll(() => acquisition.inputValue()).toBe('70 000,00');
      expect(await page.getByText(`Au ${frenchDate(spring)} : 5`).count()).toBeGreaterThan(0);
      await deliberation('CP-PRINTEMPS-TER');
      await box('Nombre de pass prévus').fill('6 000');
      await expectAccessible(page, 'amendment form rectifying a later deliberation');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);

      const then = (await page.evaluate(
        async (p) => (await fetch(p)).json(),
        `/api/v1/programs/${c.programId}?asOf=${spring}`,
      )) as { state: { plannedPasses: number; budget: { lines: { amountCents: number }[] } } };
      expect(then.state.plannedPasses).toBe(6_000);
      expect(then.state.budget.lines[0]?.amountCents).toBe(7_000_000);
    },
    JOURNEY_MS,
  );
});
