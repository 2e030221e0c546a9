import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../src/core/dates.js';
import { type Circulation, demoCampaign, programDecidedAhead } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

// A finance officer catches up the history: a deliberation decided before one already recorded
// for the same day. It was accepted and changed nothing shown, with no word of it. The page now
// warns on saving and the timeline marks what never is in force.
let j: Journey;
let c: Circulation;
const today = businessDate();

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
  const newer = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
    effectiveOn: today,
    legal: {
      body: 'Commission permanente du conseil régional',
      number: 'CP-RECENTE',
      decidedOn: today,
      votesFor: null,
      votesAgainst: null,
      abstentions: null,
      text: '',
    },
    changes: { lateSessionDays: 40 },
  });
  expect(newer.statusCode, newer.body).toBe(201);
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('an older deliberation recorded after a newer one for the same day', () => {
  it(
    'is recorded with a warning, and the timeline says what of it never counts',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/avenant`);
      await page.getByLabel(/Date d.effet/).fill(today);
      await page.getByLabel(/Instance/).fill('Commission permanente du conseil régional');
      await page.getByLabel(/Numéro de (la )?délibération/).fill('CP-ANCIENNE');
      await page.getByLabel(/Date de (la )?décision/).fill(addDays(today, -10));
      await page.getByLabel('Délai pour enregistrer une séance tardive, en jours').fill('50');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]+$/);

      const warning = page.locator('.fr-alert--warning').filter({ hasText: 'CP-ANCIENNE' });
      await expect
        .poll(() => warning.textContent())
        .toContain(
          'La délibération n° CP-ANCIENNE a été enregistrée. La délibération n° CP-RECENTE, décidée plus tard, fixe aussi « Délai de tolérance des séances tardives » pour le même jour : c’est sa valeur qui compte.',
        );
      // What the page shows is the newer deliberation's tolerance.
      await expect.poll(() => page.getByText(/\(40 jours de tolérance\)/).count()).toBe(1);
      const entry = page
        .getByRole('list', { name: 'Historique des délibérations' })
        .getByRole('listitem')
        .filter({ hasText: 'n° CP-ANCIENNE' });
      await expect.poll(() => entry.getByText('Sans effet', { exact: true }).count()).toBe(1);
      await expectAccessible(page, 'programme page after an overridden deliberation');
    },
    JOURNEY_MS,
  );
});

// A funder moves the distribution start of a programme not started yet, from its first day: the
// founding deliberation was marked « En partie sans effet », as if part of it were void.
describe.runIf(hasBrowser)('an amendment from the founding deliberation’s own day', () => {
  it(
    'marks the founding deliberation as changed, naming what the amendment changed',
    async () => {
      const { programId, startsOn } = await programDecidedAhead(
        c,
        'Pass numériques — rentrée décalée',
        'FONDATRICE',
      );
      const moved = await c.funder.request('POST', `/api/v1/programs/${programId}/amendments`, {
        effectiveOn: startsOn,
        legal: {
          body: 'Commission permanente du conseil régional',
          number: 'REPORT-DEBUT',
          decidedOn: today,
          votesFor: null,
          votesAgainst: null,
          abstentions: null,
          text: '',
        },
        changes: { calendar: { distributionStart: addDays(startsOn, 31) } },
      });
      expect(moved.statusCode, moved.body).toBe(201);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${programId}`);
      const founding = page
        .getByRole('list', { name: 'Historique des délibérations' })
        .getByRole('listitem')
        .filter({ hasText: 'n° FONDATRICE' });
      await expect
        .poll(() => founding.textContent())
        .toContain(
          'La délibération n° REPORT-DEBUT modifie « Début de la distribution » dès le même jour : c’est sa valeur qui compte.',
        );
      await expect
        .poll(() => founding.getByText('En partie modifiée le jour même', { exact: true }).count())
        .toBe(1);
      expect(await founding.textContent()).not.toMatch(/sans effet/i);
      await expectAccessible(page, 'programme page after an amendment from its first day');
    },
    JOURNEY_MS,
  );
});
