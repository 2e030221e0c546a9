import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../src/core/dates.js';
import { lastFullQuarter, lastFullYear } from '../src/core/report-period.js';
import {
  expectAccessible,
  expectAccessibleAtBothWidths,
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

const poll = expect.poll;

async function bytesOf(stream: NodeJS.ReadableStream | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream!) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * A funder's admin opens the report of the demo campaign from its programme page, reads the
 * whole programme, chooses a quarter by its dates and then the last full quarter, is told
 * beside the field when the end comes before the start, and downloads the PDF to send.
 */
describe.runIf(hasBrowser)('the report of a programme for a period', () => {
  it(
    'shows the figures of the period chosen, and downloads them as a PDF',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.getByRole('link', { name: /campagne 2026/ }).click();
      await page.getByRole('link', { name: 'Bilan de la période' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[^/]+\/bilan$/);
      await poll(() => page.getByRole('heading', { level: 1, name: 'Bilan de la période' }).count()).toBe(1);

      // By default, the whole programme: from its first day to today.
      const status = page.getByTestId('bilan-periode');
      await poll(() => status.textContent()).toBe(
        `Bilan du 15 janvier 2026 au ${frenchDate(businessDate())}.`,
      );
      const people = page.getByTestId('bilan-personnes');
      await poll(() => people.textContent()).toBe('12');
      const wholeSessions = Number(await page.getByTestId('bilan-seances').textContent());
      expect(wholeSessions).toBeGreaterThan(0);
      await expectAccessible(page, 'report, whole programme');

      // The second quarter of 2026, typed: four people were handed a booklet in it.
      await page.getByLabel('Du', { exact: true }).fill('2026-04-01');
      await page.getByLabel('Au (inclus)', { exact: true }).fill('2026-06-30');
      await page.getByRole('button', { name: 'Afficher le bilan de cette période' }).click();
      await poll(() => status.textContent()).toBe('Bilan du 1er avril 2026 au 30 juin 2026.');
      await poll(() => people.textContent()).toBe('4');
      expect(page.url()).toContain('from=2026-04-01');
      const quarterSessions = Number(await page.getByTestId('bilan-seances').textContent());
      expect(quarterSessions).toBeLessThan(wholeSessions);
      const fundings = page.getByRole('table', { name: 'Versements de la période, par payeur' });
      await poll(() => fundings.getByRole('rowheader', { name: 'État (ANCT)' }).count()).toBe(1);
      expect(await fundings.getByRole('rowheader', { name: 'Région Hauts-de-France' }).count()).toBe(0);
      // The budget beside the money: both payers' shares, the State's due by its convention.
      const budget = page.getByRole('table', {
        name: /^Budget au 30 juin 2026 : .*, et la part de chaque payeur$/,
      });
      await poll(() => budget.getByRole('rowheader').allTextContents()).toEqual([
        'Région Hauts-de-France',
        'État (ANCT)',
      ]);
      expect(
        await budget
          .getByRole('row', { name: /Région Hauts-de-France/ })
          .locator('td')
          .last()
          .textContent(),
      ).toBe('—');
      // From the passes used to the money: paid, written off, owed, what became known after the period.
      const reconciliation = page.getByRole('table', {
        name: 'Des pass utilisés aux paiements, au 30 juin 2026',
      });
      await poll(() => reconciliation.count()).toBe(1);
      const amounts = (await reconciliation.locator('td').allTextContents()).map((t) =>
        Number(t.replace(/[\s\u202f€]/g, '').replace(',', '.')),
      );
      expect(amounts).toHaveLength(6);
      const [paid, writtenOff, owed, recordedAfter, cancelledAfter, used] = amounts as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      expect(used).toBeGreaterThan(0);
      expect(paid + writtenOff + owed + recordedAfter - cancelledAfter).toBeCloseTo(used, 2);
      // The sessions by the département of their place, for the State: they add up to the period's.
      const departements = page.getByRole('table', { name: 'Séances par département du lieu' });
      await poll(() => departements.getByRole('rowheader', { name: 'Somme (80)' }).count()).toBe(1);
      const sessionsCells = await departements.locator('tbody tr td:nth-of-type(2)').allTextContents();
      expect(sessionsCells.reduce((t, c) => t + Number(c.replace(/\s/g, '')), 0)).toBe(quarterSessions);

      // Only the periods the programme ran in are offered: not a calendar year before its first day.
      const lastYear = lastFullYear(businessDate());
      expect(await page.getByRole('button', { name: /^Dernière année civile/ }).count()).toBe(
        lastYear.to < '2026-01-15' ? 0 : 1,
      );

      // The quick choice of the last full quarter.
      const quarter = lastFullQuarter(businessDate());
      await page.getByRole('button', { name: /^Dernier trimestre complet/ }).click();
      await poll(() => status.textContent()).toBe(
        `Bilan du ${frenchDate(quarter.from)} au ${frenchDate(quarter.to)}.`,
      );

      // An end before the start is said beside the field, and the report of the period before
      // leaves the screen: its figures and its files are not read under the dates just typed.
      const noReport = 'Aucun bilan affiché : corrigez la période ci-dessus.';
      const pdfLink = page.getByRole('link', { name: 'Télécharger le bilan (PDF)' });
      await page.getByLabel('Du', { exact: true }).fill('2026-06-30');
      await page.getByLabel('Au (inclus)', { exact: true }).fill('2026-04-01');
      await page.getByRole('button', { name: 'Afficher le bilan de cette période' }).click();
      await poll(() =>
        page.getByText('La fin de la période doit être le 30 juin 2026 ou après.').count(),
      ).toBe(1);
      await poll(() => status.textContent()).toBe(noReport);
      expect(await page.getByTestId('bilan-seances').count()).toBe(0);
      expect(await pdfLink.count()).toBe(0);
      await expectAccessible(page, 'report, period refused');

      // A day to come has no figures yet: said beside the field, and no report is shown either.
      const tomorrow = addDays(businessDate(), 1);
      await page.getByLabel('Du', { exact: true }).fill('2026-04-01');
      await page.getByLabel('Au (inclus)', { exact: true }).fill(tomorrow);
      await page.getByRole('button', { name: 'Afficher le bilan de cette période' }).click();
      await poll(() =>
        page.getByText(/^La fin de la période doit être aujourd’hui \(.+\) au plus tard/).count(),
      ).toBe(1);
      expect(await status.textContent()).toBe(noReport);
      expect(await pdfLink.count()).toBe(0);

      // Back to the second quarter, and its PDF.
      await page.getByLabel('Du', { exact: true }).fill('2026-04-01');
      await page.getByLabel('Au (inclus)', { exact: true }).fill('2026-06-30');
      await page.getByRole('button', { name: 'Afficher le bilan de cette période' }).click();
      await poll(() => people.textContent()).toBe('4');
      const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
      expect(download.suggestedFilename()).toMatch(/^bilan-.*-2026-04-01-2026-06-30\.pdf$/);
      const pdf = await bytesOf(await download.createReadStream());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await expectAccessibleAtBothWidths(page, 'report, second quarter');
    },
    JOURNEY_MS,
  );

  it(
    'says a period without a session in a sentence, without months, themes or formats of zeros',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.getByRole('link', { name: /campagne 2026/ }).click();
      await page.getByRole('link', { name: 'Bilan de la période' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[^/]+\/bilan$/);
      // The campaign's first fortnight: booklets issued, no pass used yet.
      await page.getByLabel('Du', { exact: true }).fill('2026-01-15');
      await page.getByLabel('Au (inclus)', { exact: true }).fill('2026-01-31');
      await page.getByRole('button', { name: 'Afficher le bilan de cette période' }).click();
      await poll(() => page.getByTestId('bilan-periode').textContent()).toBe(
        'Bilan du 15 janvier 2026 au 31 janvier 2026.',
      );
      await poll(() => page.getByText('Aucune séance pendant la période.').count()).toBe(1);
      // No booklet handed out yet: said in words, not « 0 personne a reçu un carnet ».
      expect(await page.getByText('Aucune personne n’a reçu de carnet pendant la période.').count()).toBe(1);
      for (const caption of [
        'Séances par mois',
        'Séances par thème (services du standard national)',
        'Séances par format',
      ])
        expect(await page.getByRole('table', { name: caption }).count(), caption).toBe(0);
      expect(await page.getByRole('img', { name: /Séances par mois/ }).count()).toBe(0);
      await expectAccessible(page, 'report of a period without a session');

      // A year before the programme: it had not started, said so rather than « Pass prévus 0 ».
      await page.getByLabel('Du', { exact: true }).fill('2025-01-01');
      await page.getByLabel('Au (inclus)', { exact: true }).fill('2025-12-31');
      await page.getByRole('button', { name: 'Afficher le bilan de cette période' }).click();
      await poll(() =>
        page
          .getByText(
            'Le dispositif n’avait pas commencé au 31 décembre 2025 : il commence le 15 janvier 2026.',
          )
          .count(),
      ).toBe(1);
      expect(await page.getByRole('rowheader', { name: 'Pass prévus' }).count()).toBe(0);
      expect(await page.getByRole('rowheader', { name: 'Valeur faciale d’un pass' }).count()).toBe(0);
    },
    JOURNEY_MS,
  );
});
