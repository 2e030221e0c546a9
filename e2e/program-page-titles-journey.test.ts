import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCampaign } from '../src/test/circulation.js';
import { hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * WCAG 2.4.2, RGAA 8.6: a programme's pages were titled alike for every programme
 * (« Tableau de bord — Pass numérique »): among a funder's open tabs, or in the history,
 * nothing said which programme's dashboard or funding form each was.
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('the pages of a programme', () => {
  it(
    'are titled with the page and the programme’s name',
    async () => {
      const c = await demoCampaign(j.t);
      const program = await c.funder.request('GET', `/api/v1/programs/${c.programId}`);
      const name: string = program.json().name;
      expect(name).toBeTruthy();

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      for (const [path, title] of [
        ['tableau-de-bord', 'Tableau de bord'],
        ['carnets', 'Carnets du dispositif'],
        ['versement', 'Enregistrer un versement'],
        ['enveloppe', 'Ajouter une enveloppe'],
        ['avenant', 'Ajouter une délibération modificative'],
        ['attribution', 'Confier des carnets à un prescripteur'],
        ['emission', 'Émettre des carnets'],
      ]) {
        await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/${path}`);
        await expect
          .poll(() => page.title(), { timeout: 10_000 })
          .toBe(`${title} — ${name} — Pass numérique`);
      }
    },
    JOURNEY_MS,
  );
});
