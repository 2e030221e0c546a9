import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { hautsDeFranceDemoCampaign } from '../src/demo/programs.js';
import { demoCampaign } from '../src/test/circulation.js';
import { formatCents, formatInt } from '../web/src/lib/format.js';
import { hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('what goes back to each payer, before the programme ends', () => {
  it(
    'says that a co-funder’s sum to return may still fall while passes circulate',
    async () => {
      // A finance officer read « À rendre 1 110,00 € » for the State while its passes were
      // still in people's hands: each one used later raises the State's share.
      const c = await demoCampaign(j.t);
      const closure = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/closure`)).json();
      expect(closure.passes.outstanding).toBeGreaterThan(1);
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}`);
      const table = page.getByRole('table', { name: 'À rendre à chaque payeur' });
      const state = table.getByRole('row').filter({ hasText: 'État (ANCT)' });
      await expect.poll(() => state.count()).toBe(1);
      expect((await state.textContent())?.replace(/\s/g, ' ')).toContain(
        `peut baisser tant que ${formatInt(closure.passes.outstanding).replace(/\s/g, ' ')} pass activés restent à utiliser`,
      );
      // A payer without a rule tied to the passes used has no such hint.
      const region = table.getByRole('row').filter({ hasText: 'Région Hauts-de-France' });
      expect(await region.textContent()).not.toContain('peut baisser');
    },
    JOURNEY_MS,
  );

  it(
    'says that what goes back to a co-funder and what its budget share still calls settle each other',
    async () => {
      // A Département at 12 % of the budget had paid 1 500,50 € of its 6 000 €: the page asked
      // for 4 499,50 € more and, lower down, to give it 562,75 € back, with no word between.
      const c = await demoCampaign(j.t);
      const today = businessDate();
      const legal = { ...hautsDeFranceDemoCampaign.creation.legal, decidedOn: today };
      const amended = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
        effectiveOn: today,
        legal: { ...legal, number: 'CP-SOMME' },
        changes: {
          budget: {
            cofunders: [
              { name: 'État (ANCT)', shareBps: 5_000, usedShareBps: 5_000 },
              { name: 'Département de la Somme', shareBps: 1_200 },
            ],
          },
        },
      });
      expect(amended.statusCode, amended.body).toBe(201);
      const funded = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
        receivedOn: today,
        reference: 'SOMME-1',
        payer: 'Département de la Somme',
        amountCents: 150_050,
      });
      expect(funded.statusCode, funded.body).toBe(201);
      const shares = (
        await c.funder.request('GET', `/api/v1/programs/${c.programId}/cofunder-shares`)
      ).json();
      const somme = shares.shares.find((s: { name: string }) => s.name === 'Département de la Somme');
      expect(somme.balanceCents).toBeGreaterThan(0);
      const closure = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/closure`)).json();
      const back = closure.byPayer.find((p: { payer: string }) => p.payer === 'Département de la Somme');
      expect(back.toReturnCents).toBeGreaterThan(0);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}`);
      const table = page.getByRole('table', { name: 'À rendre à chaque payeur' });
      const row = table.getByRole('row').filter({ hasText: 'Département de la Somme' });
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('se compensent');
      expect((await row.textContent())?.replace(/\s/g, ' ')).toContain(
        `sa part du budget appelle encore ${formatCents(somme.balanceCents).replace(/\s/g, ' ')}`,
      );
      // The State, paid beyond its share, is owed money back with nothing to settle it against.
      const state = table.getByRole('row').filter({ hasText: 'État (ANCT)' });
      expect(await state.textContent()).not.toContain('se compensent');
    },
    JOURNEY_MS,
  );
});
