import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../src/core/dates.js';
import { hautsDeFranceDemoCampaign } from '../src/demo/programs.js';
import { demoCampaign } from '../src/test/circulation.js';
import { formatCents } from '../web/src/lib/format.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * Issue 12, point 8, in short: the funder admin chooses, in the programme's closing section,
 * the following programme that will receive the passes never handed out, then withdraws it.
 */
describe.runIf(hasBrowser)('carrying passes never handed out over', () => {
  it(
    'chooses the following programme by its name, sees what will happen, and withdraws the choice',
    async () => {
      const c = await demoCampaign(j.t);
      const { creation } = hautsDeFranceDemoCampaign;
      const created = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
        ...creation,
        legal: { ...creation.legal, number: 'REPORT-E2E' },
        // In distribution the day after the demo campaign's usage end (2027-12-31).
        state: {
          ...creation.state,
          name: 'Campagne 2028 (suite)',
          calendar: { ...creation.state.calendar, distributionEnd: '2028-12-31', usageEnd: '2029-06-30' },
        },
      });
      expect(created.statusCode).toBe(201);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}`);
      const select = page.getByLabel('Dispositif suivant');
      // The closing sections come last, after the programme's finance: wait for them.
      await expect.poll(() => select.count(), { timeout: 30_000 }).toBe(1);
      await select.selectOption({ value: 'Campagne 2028 (suite)' });
      await page.getByRole('button', { name: 'Reporter sur ce dispositif' }).click();
      await expect
        .poll(() => page.getByText(/seront reportés sur « Campagne 2028 \(suite\) »/).count())
        .toBe(1);
      await expectAccessible(page, 'carry-over chosen');
      await page.getByRole('button', { name: /Retirer le report/ }).click();
      await expect.poll(() => page.getByText(/seront annulés, sauf si vous choisissez/).count()).toBe(1);

      // Beside it, the co-funders' shares: each with its document, a call for funds where some
      // is due, a notice of what it paid beyond its share where it paid ahead (a finance
      // officer found « Rien à appeler » and no document to send the State).
      const shares = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/cofunder-shares`)).json()
        .shares as { name: string; balanceCents: number }[];
      expect(shares.some((s) => s.balanceCents < 0)).toBe(true);
      const table = page.getByRole('table', { name: /Dû, versé et solde par cofinanceur/ });
      for (const share of shares) {
        const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: share.name }) });
        const title =
          share.balanceCents > 0
            ? 'Appel de fonds'
            : share.balanceCents < 0
              ? 'Avis de trop-perçu'
              : 'Situation de la participation';
        const link = row.getByRole('link', { name: `${title} pour ${share.name} PDF` });
        await expect.poll(() => link.count()).toBe(1);
        if (share.balanceCents < 0) expect(await row.textContent()).toMatch(/versé en plus/);
      }

      // « Au 31/12 »: the page shown at a past date gives the shares and the closure's money
      // at that date, and its documents carry it (they followed today whatever the date shown).
      const asOf = addDays(businessDate(), -7);
      const then = (
        await c.funder.request('GET', `/api/v1/programs/${c.programId}/cofunder-shares?asOf=${asOf}`)
      ).json();
      await page.getByLabel('Voir le dispositif au').fill(asOf);
      const heading = page.getByRole('heading', { name: `Parts des cofinanceurs au ${frenchDate(asOf)}` });
      await expect.poll(() => heading.count(), { timeout: 30_000 }).toBe(1);
      const spaced = (text: string | null) => (text ?? '').replace(/\s/g, ' ');
      await expect
        .poll(async () => spaced(await page.getByText(/^Valeur des pass utilisés au /).textContent()))
        .toContain(spaced(`au ${frenchDate(asOf)} : ${formatCents(then.usedCents)}`));
      const first = then.shares[0] as { name: string };
      const pdf = table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: first.name }) })
        .getByRole('link');
      expect(await pdf.getAttribute('href')).toContain(`asOf=${asOf}`);
      expect(await page.getByTestId('closure-as-of').textContent()).toContain(frenchDate(asOf));
      await expectAccessible(page, 'programme shown at a past date');

      // A programme closed since 2024 offers no issuing nor allocation any more, and says why.
      const { rows } = await j.t.database.pool.query(
        `SELECT id FROM programs WHERE funder_id = $1 AND id <> $2 LIMIT 1`,
        [c.funderId, c.programId],
      );
      const closed = (await c.funder.request('GET', `/api/v1/programs/${rows[0].id}`)).json();
      expect(closed.status).toBe('closed');
      await page.goto(`${j.baseUrl}/financeur/programmes/${rows[0].id}`);
      await expect
        .poll(() => page.getByText(/il n’est plus possible d’émettre ni de confier des carnets/).count(), {
          timeout: 30_000,
        })
        .toBe(1);
      expect(await page.getByRole('link', { name: 'Émettre des carnets' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Confier des carnets à un prescripteur' }).count()).toBe(0);
      await expectAccessible(page, 'a closed programme');
      // The running one still offers both.
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}`);
      await expect
        .poll(() => page.getByRole('link', { name: 'Émettre des carnets' }).count(), { timeout: 30_000 })
        .toBe(1);
    },
    JOURNEY_MS,
  );
});
