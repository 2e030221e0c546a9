import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { demoCampaign } from '../src/test/circulation.js';
import {
  expectAccessible,
  expectTableFits,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const today = businessDate();
// The name of a real deliberation's programme is long (up to 200 characters are taken).
const LONG_NAME =
  'Pass numériques Hauts-de-France — accompagnement des publics éloignés du numérique dans les quartiers prioritaires et les communes rurales 2026';

/**
 * A funder's officer on a 1,440 px and a 1,280 px screen: the list of programmes and the
 * journal kept their cells on one line, so that a long programme name pushed the status, the
 * passes and the period out of sight, and the journal's « Détails » started past the right edge.
 */
describe.runIf(hasBrowser)('the funder’s long tables on a laptop', () => {
  it(
    'wrap long names and details instead of hiding the last columns',
    async () => {
      const c = await demoCampaign(j.t);
      const program = (await c.funder.request('GET', `/api/v1/programs/${c.programId}`)).json();
      const renamed = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
        effectiveOn: today,
        legal: { ...program.timeline[0].legal, number: 'CP-NOM-LONG', decidedOn: today },
        changes: { name: LONG_NAME },
      });
      expect(renamed.statusCode, renamed.body).toBe(201);
      expect(program.state.name).not.toBe(LONG_NAME);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      for (const width of [1440, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${j.baseUrl}/financeur`);
        const list = page.getByRole('table', { name: /dispositifs?, situation au/ });
        await list.getByRole('link', { name: LONG_NAME }).waitFor();
        await expectTableFits(list, `programme list at ${width} px`);

        await page.goto(`${j.baseUrl}/financeur/journal`);
        const journal = page.getByRole('table', { name: /^Journal des actions/ });
        await journal.getByRole('columnheader', { name: 'Détails' }).waitFor();
        await expectTableFits(journal, `journal at ${width} px`);
      }
      await expectAccessible(page, 'journal at 1,280 px');

      // A funding cancelled with a reason of one long word (a pasted reference, a slip of
      // the keyboard): the table of fundings stretched to 6,000 px.
      const recorded = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
        receivedOn: today,
        reference: 'Test',
        payer: 'Région Hauts-de-France',
        amountCents: 1_000,
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const reason = 'X'.repeat(600);
      const reversed = await c.funder.request(
        'POST',
        `/api/v1/programs/${c.programId}/fundings/${recorded.json().fundings.at(-1).id}/reversal`,
        { reason },
      );
      expect(reversed.statusCode, reversed.body).toBe(201);
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}`);
      const fundings = page.getByRole('table', { name: /Versements enregistrés/ });
      await fundings.getByText(reason, { exact: false }).waitFor();
      await expectTableFits(fundings, 'fundings at 1,280 px');
    },
    JOURNEY_MS,
  );
});
