import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCampaign } from '../src/test/circulation.js';
import { formatInt } from '../web/src/lib/format.js';
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
});
