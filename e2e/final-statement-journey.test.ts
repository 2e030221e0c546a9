import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate, frenchMonth } from '../src/core/dates.js';
import { statementPeriod } from '../src/core/statement.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import { redeemAt } from '../src/test/payments.js';
import { formatCents } from '../web/src/lib/format.js';
import {
  expectAccessible,
  expectAccessibleAtBothWidths,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  modalSettled,
  startJourney,
} from './browser.js';

/*
 * A place that stops (an association closing its doors) had its last sessions stated on the 1st
 * of next month only. The funder's admin issues its final statement from the place's page: no
 * journey had pressed « Établir le relevé final » in a browser.
 */
let j: Journey;
let c: Circulation;
beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
});
afterAll(() => j?.close());

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const CAMPAIGN = 'Pass numériques Hauts-de-France — campagne 2026 (démonstration)';
const PLACE = 'Médiathèque Louis Aragon';
/** The page's words with the browser's spaces (narrow and non-breaking ones) as plain ones. */
const plain = (s: string | null) => (s ?? '').replace(/\s+/g, ' ');

/** The place's sessions in the programme on no statement yet: their count and their value. */
async function unstated(placeId: string) {
  const { rows } = await j.t.database.pool.query<{ n: number; cents: number }>(
    `SELECT count(*)::int AS n, coalesce(sum(r.face_value_cents), 0)::int AS cents FROM redemptions r
      WHERE r.place_id = $1 AND r.program_id = $2 AND r.cancelled_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.redemption_id = r.id AND l.kind = 'redemption')`,
    [placeId, c.programId],
  );
  return rows[0]!;
}

describe.runIf(hasBrowser)('a place’s final statement, from its page', () => {
  it(
    'is issued once the place is suspended, says its number, period and total, and is not issued twice',
    async () => {
      const placeId = c.organisations[PLACE]!;
      const { codes } = await handedOutBooklets(j.t, c, 1);
      for (const code of codes.slice(0, 3)) await redeemAt(j.t, placeId, code);
      const owed = await unstated(placeId);
      expect(owed.n).toBeGreaterThanOrEqual(3);

      const funder = await j.newPage();
      await funder.setViewportSize({ width: 1280, height: 900 });
      await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
      await funder.waitForURL(/\/financeur$/);
      await funder.goto(`${j.baseUrl}/financeur/lieux/${placeId}`);
      const suspend = funder.getByRole('button', { name: `Suspendre pour « ${CAMPAIGN} »` });
      await poll(() => suspend.count()).toBe(1);
      // While the place takes the passes, its sessions go on its monthly statement: no button.
      const section = funder.getByRole('region', { name: 'Relevé final' });
      expect(await section.count()).toBe(0);

      // The association closes: the funder's admin suspends the place.
      await suspend.click();
      const dialog = funder.locator('#motif-decision');
      await modalSettled(dialog, true);
      await dialog.getByLabel('Motif de la décision').fill('L’association ferme ses portes.');
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await poll(() => funder.getByText(`Suspendu pour « ${CAMPAIGN} ».`).count()).toBe(1);
      await modalSettled(dialog, false);

      // The final statement is offered at once, without reading the page again.
      const issue = section.getByRole('button', { name: `Établir le relevé final pour « ${CAMPAIGN} »` });
      await poll(() => issue.count()).toBe(1);
      await expectAccessible(funder, 'place page, final statement offered');
      await issue.click();
      await poll(() =>
        section.getByText(/^Établir maintenant le relevé final de « Médiathèque/).count(),
      ).toBe(1);
      await expectAccessible(funder, 'place page, final statement to confirm');
      // Kept: nothing is issued, the button is back.
      await section.getByRole('button', { name: 'Annuler' }).click();
      await poll(() => issue.count()).toBe(1);
      expect((await unstated(placeId)).n).toBe(owed.n);

      await issue.click();
      await section.getByRole('button', { name: 'Oui, établir le relevé final' }).click();
      const done = section.getByText(/^Relevé final n° /);
      await poll(() => done.count()).toBe(1);
      const { rows } = await j.t.database.pool.query(
        `SELECT number, redemptions_count AS n, total_cents::int AS total, final FROM statements
          WHERE place_id = $1 AND program_id = $2 ORDER BY sequence DESC LIMIT 1`,
        [placeId, c.programId],
      );
      const s = rows[0];
      expect(s).toMatchObject({ final: true, n: owed.n, total: owed.cents });
      const today = businessDate();
      const month = today.slice(0, 7);
      expect(plain(await done.textContent())).toBe(
        plain(
          `Relevé final n° ${s.number} émis pour « ${CAMPAIGN} », ${statementPeriod(month, today)} : ${owed.n} séances, ${formatCents(owed.cents)}. Les administrateurs du lieu en sont avertis par e-mail. Vos relevés`,
        ),
      );
      expect((await unstated(placeId)).n).toBe(0);
      await expectAccessibleAtBothWidths(funder, 'place page, final statement issued');

      // Pressed again (a second tab, a page read again): refused, saying which statement has it.
      await funder.reload();
      await poll(() => issue.count()).toBe(1);
      await issue.click();
      await section.getByRole('button', { name: 'Oui, établir le relevé final' }).click();
      const refusal = section.getByRole('alert').filter({
        hasText: `« ${PLACE} » a déjà son relevé n° ${s.number} de ${frenchMonth(month)} pour ce dispositif`,
      });
      await poll(() => refusal.count()).toBe(1);
      expect(await done.count()).toBe(0);
      const { rows: after } = await j.t.database.pool.query(
        'SELECT count(*)::int AS n FROM statements WHERE place_id = $1 AND program_id = $2 AND final',
        [placeId, c.programId],
      );
      expect(after[0].n).toBe(1);
      await expectAccessible(funder, 'place page, second final statement refused');

      // The funder's list of statements shows it as final, under its number.
      await funder.goto(`${j.baseUrl}/financeur/releves`);
      const row = funder.getByRole('row').filter({ hasText: s.number });
      await poll(() => row.count()).toBe(1);
      expect(plain(await row.textContent())).toContain(
        plain(`${statementPeriod(month, today)} (relevé final)`),
      );
    },
    JOURNEY_MS,
  );
});
