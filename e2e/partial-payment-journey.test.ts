import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { dayAfterMonth, nextMonth } from '../src/core/statement.js';
import * as redemptions from '../src/modules/redemptions/service.js';
import * as statements from '../src/modules/statements/service.js';
import { newAccount } from '../src/test/accounts.js';
import { signIn } from '../src/test/app.js';
import { demoCampaign } from '../src/test/circulation.js';
import { camt053, importBankFile, monthStatement, sentRun, statedRedemptions } from '../src/test/payments.js';
import { formatCents } from '../web/src/lib/format.js';
import { expectAccessibleAtBothWidths, hasBrowser, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });
const today = businessDate();

/** A statement's row, found by its number in the row's header (another row may name it too). */
const statementRow = (page: Page, number: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: number, exact: true }) });

/**
 * Issue 12, point 5, as the place reads it: its transfer was booked for less than its amount.
 * The statements page says « Payé en partie », what came and what is still to come; once the
 * funder writes the rest off, it says how much will not come and why. The funder's statements
 * page says the same. A pass of the transfer cancelled since is netted: the funder's payments
 * page shows the rest net of the statement that deducts it, and that is what is written off;
 * the place reads that statement below zero as a deduction, first to come, then taken from
 * that rest.
 * (The money side is tested in src/modules/payments/remainder.test.ts and netted-complement.test.ts.)
 */
describe.runIf(hasBrowser)('a place paid in part', () => {
  it('reads what came, what is to come, and what the funder decided not to pay', async () => {
    const { t } = j;
    const c = await demoCampaign(t);
    const place = c.organisations['Médiathèque Louis Aragon']!;
    const second = await newAccount(t, {
      funderId: c.funderId,
      email: 'compta@hautsdefrance.test',
      role: 'funder_admin',
    });
    const placeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
    const codes = await statedRedemptions(t, c, placeAdmin, place, 3);

    // The run is prepared, approved by a second admin and sent; the bank books 10 € of it.
    const { run } = await sentRun(c, second);
    const transfer = run.transfers.find((x: { placeId: string }) => x.placeId === place);
    const imported = await importBankFile(t, c, c.funder, camt053(today, [[transfer.endToEndId, 1000]]));
    const report = imported.json();
    const line = report.lines.find((l: { outcome: string }) => l.outcome === 'partial');
    const accepted = await c.funder.request(
      'POST',
      `/api/v1/funders/${c.funderId}/bank-imports/${report.id}/lines/${line.id}/decision`,
      { decision: 'accept' },
    );
    expect(accepted.statusCode).toBe(200);
    const rest = transfer.amountCents - 1000;

    // The place reads it on its statements page.
    const page = await j.newPage();
    await logIn(page, j.baseUrl, 'lieu@hautsdefrance.test');
    await page.waitForURL(/\/lieu$/);
    await page.getByRole('link', { name: 'Relevés', exact: true }).click();
    await page.waitForURL(/\/lieu\/releves$/);
    const row = statementRow(page, transfer.statementNumbers[0]);
    await poll(() => row.getByText('Payé en partie').count()).toBe(1);
    await poll(() => row.textContent()).toContain(
      `Reçu : ${formatCents(1000)} sur un virement de ${formatCents(transfer.amountCents)}`,
    );
    await poll(() => row.textContent()).toContain(`Reste à venir : ${formatCents(rest)}`);
    await expectAccessibleAtBothWidths(page, 'place statements, paid in part');

    // One of the passes paid in part is cancelled: the place's next statement deducts it. The
    // funder's payments page shows the rest netted with it, and that is what a write-off takes.
    const { rows } = await t.database.pool.query(
      'SELECT r.id::int AS id FROM redemptions r JOIN passes p ON p.id = r.pass_id WHERE p.code = $1',
      [codes[0]],
    );
    const cancelled = await redemptions.cancel(
      t.database.db,
      { caller: { placeId: place, userId: null, keyId: null, label: 'test' } },
      rows[0].id,
      24,
    );
    const later = nextMonth(today.slice(0, 7));
    await statements.run(t.database.db, { month: later, funderId: c.funderId }, dayAfterMonth(later));
    const netted = rest - cancelled.faceValueCents;
    const below = await monthStatement(t, c.programId, place, later);
    // The place reads its statement below zero as a deduction to come, not as something paid.
    await page.reload();
    const belowRow = statementRow(page, below.number);
    await poll(() => belowRow.textContent()).toContain(
      `Relevé négatif : ${formatCents(cancelled.faceValueCents)} seront déduits de votre prochain versement`,
    );
    const funder = await j.newPage();
    await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
    await funder.waitForURL(/\/financeur$/);
    await funder.goto(`${j.baseUrl}/financeur/paiements`);
    await poll(() =>
      funder.getByText(`complément du virement ${transfer.endToEndId}`).textContent(),
    ).toContain(
      `reste ${formatCents(rest)}, net du relevé ${below.number} émis depuis : ${formatCents(netted)}`,
    );
    await poll(() =>
      funder.getByText(/net des relevés émis depuis qui déduisent des pass annulés/).textContent(),
    ).toContain(formatCents(netted));
    await expectAccessibleAtBothWidths(funder, 'payments, a rest netted with a statement below zero');

    // The funder writes the rest off, with a reason: the place reads that it will not come.
    const reason = 'Séance du 3 non conforme, retenue acceptée par le lieu.';
    const writeOff = await c.funder.request(
      'POST',
      `/api/v1/funders/${c.funderId}/payment-transfers/${transfer.id}/write-off`,
      { reason },
    );
    expect(writeOff.statusCode).toBe(200);
    await page.reload();
    await poll(() => row.textContent()).toContain(
      `Non versé, sur décision du financeur : ${formatCents(netted)} (« ${reason} »)`,
    );
    await poll(() => row.textContent()).not.toContain('Reste à venir');
    // The statement below zero was taken from that rest: the place reads from which statement.
    await poll(() => belowRow.textContent()).toContain(`Déduit du relevé ${transfer.statementNumbers[0]}`);
    await poll(() => belowRow.textContent()).toContain(
      `${formatCents(cancelled.faceValueCents)} retenus sur ce qui vous était dû, soldé le`,
    );
    await poll(() => belowRow.textContent()).not.toContain('Payé');
    await expectAccessibleAtBothWidths(page, 'place statements, a statement below zero deducted');

    // The funder's statements page says the same.
    await funder.goto(`${j.baseUrl}/financeur/releves`);
    const funderRow = statementRow(funder, transfer.statementNumbers[0]);
    await poll(() => funderRow.textContent()).toContain(
      `Non versé, sur décision du financeur : ${formatCents(netted)}`,
    );
    await expectAccessibleAtBothWidths(funder, 'funder statements, written off');
  }, 240_000);
});
