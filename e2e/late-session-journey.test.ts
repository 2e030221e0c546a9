import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../src/core/dates.js';
import { hautsDeFranceDemoCampaign } from '../src/demo/programs.js';
import { demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import {
  expectAccessibleAtBothWidths,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';
import { confirmRedemption } from './steps.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * Issue 12, point 8, at the desk: a place records, within the programme's tolerance period, a
 * session it gave before the usage end, with the session's real date; a date after the usage
 * end is refused with the server's reason at the date field.
 */
describe.runIf(hasBrowser)('a late session at the place desk', () => {
  it(
    'records a session given before the usage end, and refuses one given after it at the date field',
    async () => {
      const today = businessDate();
      const usageEnd = addDays(today, -2);
      const c = await demoCampaign(j.t);
      const { codes } = await handedOutBooklets(j.t, c, 1);
      // The booklet was handed out a few weeks ago; the programme's usage ended two days ago.
      await j.t.database.pool.query('UPDATE passes SET valid_from = $1 WHERE code = ANY($2)', [
        addDays(today, -30),
        codes,
      ]);
      await j.t.database.pool.query(
        'UPDATE booklets SET handed_out_on = $1 WHERE id IN (SELECT booklet_id FROM passes WHERE code = ANY($2))',
        [addDays(today, -30), codes],
      );
      const amended = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
        effectiveOn: today,
        legal: { ...hautsDeFranceDemoCampaign.creation.legal, number: 'TARDIVE-1', decidedOn: today },
        changes: { calendar: { distributionEnd: addDays(today, -4), usageEnd } },
        // A usage end already past: the funder confirms what the next hourly run will do.
        confirmPastUsageEnd: true,
      });
      expect(amended.statusCode, amended.body).toBe(201);

      const place = await j.newPage();
      await logIn(place, j.baseUrl, 'lieu@hautsdefrance.test');
      await place.waitForURL(/\/lieu$/);
      const date = place.getByLabel('Date de la séance');
      // Today by default: nothing to do for a session of the day.
      expect(await date.inputValue()).toBe(today);
      const result = place.getByTestId('pass-check-result');

      // Today, the pass is past its validity, the usage end as amended; the desk says that a
      // session given before the end may still be recorded, and until when, rather than « Ce
      // pass a expiré » alone, which made places turn away sessions they were to be paid for.
      await place.getByLabel('Code du pass').fill(codes[0]!);
      await expect.poll(() => result.getAttribute('data-status')).toBe('expired');
      await expect
        .poll(() => result.getByRole('heading').textContent())
        .toBe(
          `Ce pass ne vaut plus pour une séance d’aujourd’hui : l’utilisation a pris fin le ${frenchDate(usageEnd)}.`,
        );
      expect(await result.textContent()).toContain(
        `Une séance donnée jusqu’au ${frenchDate(usageEnd)} peut encore être enregistrée jusqu’au ${frenchDate(addDays(usageEnd, 31))}`,
      );
      await expectAccessibleAtBothWidths(place, 'desk: a pass expired for today within the tolerance');
      // A session given three days ago, before the usage end, may still be recorded.
      await date.fill(addDays(today, -3));
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      await confirmRedemption(place);
      const { rows } = await j.t.database.pool.query(
        `SELECT l.session_on::text, l.recorded_on::text FROM late_sessions l
           JOIN redemptions r ON r.id = l.redemption_id JOIN passes p ON p.id = r.pass_id
          WHERE p.code = $1`,
        [codes[0]],
      );
      expect(rows).toEqual([{ session_on: addDays(today, -3), recorded_on: today }]);
      await expectAccessibleAtBothWidths(place, 'desk after a late session');

      // A session given yesterday, after the usage end: refused, and said at the date field.
      await place.getByRole('button', { name: 'Encaisser un autre pass' }).click();
      await date.fill(addDays(today, -1));
      await place.getByLabel('Code du pass').fill(codes[1]!);
      await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
      const message = place.locator('#champ-sessionOn-desc-error, .fr-input-group--error .fr-error-text');
      await expect.poll(() => message.textContent()).toMatch(/est après la fin d’utilisation des pass/);
      expect(await place.getByRole('button', { name: 'Confirmer l’encaissement' }).count()).toBe(0);
      await expectAccessibleAtBothWidths(place, 'desk with a refused session date');
    },
    JOURNEY_MS,
  );
});
