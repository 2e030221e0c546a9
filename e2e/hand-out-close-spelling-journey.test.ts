import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Circulation, demoCampaign } from '../src/test/circulation.js';
import {
  chooseSuggestion,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';

// At the front desk, « Jeanine Dupont » born on 14 March 1951 is typed where the demo's
// « Jeannine Dupont », born that day, already has her booklet: the desk sees her and hands a
// booklet only once the agent confirms that this is another person.
let j: Journey;
let c: Circulation;
let serial: string;

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
  const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: c.organisations['Mission locale du Grand Amiénois'],
    count: 1,
  });
  expect(res.statusCode, res.body).toBe(201);
  serial = res.json().serials[0];
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a hand-out to a name close to a person already served', () => {
  it(
    'shows that person, and hands out on the agent’s confirmation only',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await page.waitForURL(/\/prescripteur$/);
      await page.getByRole('textbox', { name: 'Numéro du carnet', exact: true }).fill(serial);
      await page.getByLabel('Prénom').fill('Jeanine');
      await page.getByLabel('Nom de famille').fill('Dupont');
      await page.getByLabel('Date de naissance').fill('1951-03-14');
      await chooseSuggestion(page, 'Commune de résidence', 'Amiens', 'Amiens (80000) — commune');
      await page.getByLabel('Public visé').selectOption({ label: 'Personnes de 60 ans et plus' });
      const submit = page.getByRole('button', { name: 'Remettre le carnet', exact: true });
      await submit.click();

      const table = page.getByRole('table', { name: /Personnes au nom et à la date de naissance proches/ });
      await expect.poll(() => table.getByRole('row').filter({ hasText: 'J. D.' }).count()).toBe(1);
      // Initials only: the desk knows whom it has in front of it; a full name would tell a stranger.
      expect(await table.textContent()).not.toContain('Jeannine');
      const confirm = page.getByRole('checkbox', { name: /C’est une autre personne/ });
      await expectAccessible(page, 'hand-out refused for a close spelling');

      // Sent again without confirming: still refused, nothing handed out.
      await submit.click();
      await expect.poll(() => table.count()).toBe(1);
      // The DSFR draws its own box over the input: the agent clicks the label.
      await page.locator('label', { hasText: 'C’est une autre personne' }).click();
      expect(await confirm.isChecked()).toBe(true);
      await submit.click();
      await expect
        .poll(() => page.getByText(`Le carnet ${serial} a été remis à Jeanine Dupont.`).count())
        .toBe(1);
      const { rows } = await j.t.database.pool.query(
        "SELECT summary->>'confirmedNewPerson' AS confirmed FROM audit_entries WHERE action = 'booklet.hand_out' AND object_id = $1",
        [serial],
      );
      expect(rows).toEqual([{ confirmed: 'true' }]);
    },
    JOURNEY_MS,
  );
});
