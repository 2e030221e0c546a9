import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../src/core/dates.js';
import { type Circulation, demoCampaign } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

// A programme manager types a usage end a year too early, or a deliberation ending the passes
// at once. The next hourly run would cancel the passes never handed out, for good: the form
// says so and records it only once the manager ticks the confirmation.
let j: Journey;
let c: Circulation;
const today = businessDate();
// The demo's hand-outs and sessions are all before today: yesterday is the latest end they allow.
const yesterday = addDays(today, -1);

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a usage end already past, in the amendment form', () => {
  it(
    'is recorded only once the manager confirms what the next run will do',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      const amendments = () =>
        page.evaluate(
          async (p) => ((await (await fetch(p)).json()).timeline as unknown[]).length,
          `/api/v1/programs/${c.programId}`,
        );
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/avenant`);
      await page.getByLabel(/Date d.effet/).fill(today);
      const before = await amendments();
      await page.getByLabel(/Instance/).fill('Commission permanente du conseil régional');
      await page.getByLabel(/Numéro de (la )?délibération/).fill('CP-2026-FIN');
      await page.getByLabel(/Date de (la )?décision/).fill(today);
      await page.getByLabel(/Fin de (la )?distribution/).fill(yesterday);
      await page.getByLabel(/Fin d.utilisation/).fill(yesterday);
      await page.getByRole('button', { name: 'Enregistrer' }).click();

      // Refused, with what would happen, and a box to tick.
      const summary = page.getByRole('alert').filter({ hasText: 'est passée' });
      await summary.waitFor();
      expect(await summary.textContent()).toMatch(/pass jamais remis seront annulés/);
      const confirm = page.getByRole('checkbox', { name: /Je confirme cette fin d.utilisation déjà passée/ });
      await expect.poll(() => confirm.count()).toBe(1);
      expect(await amendments()).toBe(before);
      await expectAccessible(page, 'amendment form asking to confirm a usage end already past');

      // The box as people tick it: on its label (DSFR draws the box over the input).
      await page.locator('label', { hasText: 'Je confirme cette fin d’utilisation déjà passée' }).click();
      expect(await confirm.isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);
      expect(await amendments()).toBe(before + 1);
    },
    JOURNEY_MS,
  );
});
