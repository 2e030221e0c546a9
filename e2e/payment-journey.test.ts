import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { dayAfterMonth } from '../src/core/statement.js';
import * as statements from '../src/modules/statements/service.js';
import { newAccount, TEST_PASSWORD } from '../src/test/accounts.js';
import { demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import { expectAccessibleAtBothWidths, hasBrowser, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const poll = <T>(fn: () => Promise<T> | T, opts: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 20_000, ...opts });

/** The bank's camt.053 for a SEPA file: every transfer of it booked in full, by end-to-end id. */
function camt053Paying(sepa: string): string {
  const transfers = [...sepa.matchAll(/<CdtTrfTxInf>([\s\S]*?)<\/CdtTrfTxInf>/g)].map((m) => ({
    endToEndId: /<EndToEndId>([^<]+)<\/EndToEndId>/.exec(m[1]!)![1]!,
    amount: /<InstdAmt Ccy="EUR">([^<]+)<\/InstdAmt>/.exec(m[1]!)![1]!,
  }));
  expect(transfers.length).toBeGreaterThan(0);
  const today = businessDate();
  const entries = transfers
    .map(
      (t) => `<Ntry><Amt Ccy="EUR">${t.amount}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>${today}</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>${t.endToEndId}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>RELEVE-1</MsgId><CreDtTm>${today}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>RELEVE-1</Id><CreDtTm>${today}T18:00:00</CreDtTm><Acct><Id><IBAN>FR7610071590000000100123486</IBAN></Id></Acct>
${entries}
</Stmt></BkToCstmrStmt></Document>`;
}

/**
 * Issue 12: a place redeems passes at its desk; the month's statement is issued (the test runs
 * the monthly job for this month); the place downloads its PDF; the funder's admin prepares the
 * payment run, which a second admin approves (four eyes); the SEPA file is downloaded, then the
 * bank's camt.053 paying it is imported; the place reads « payé ».
 */
describe.runIf(hasBrowser)('a place is paid for the passes it took', () => {
  it('goes from the desk to « payé » through the statement, four eyes, SEPA and the bank statement', async () => {
    const c = await demoCampaign(j.t);
    const { codes } = await handedOutBooklets(j.t, c, 1);
    await newAccount(j.t, {
      funderId: c.funderId,
      email: 'tresorerie@hautsdefrance.test',
      role: 'funder_admin',
    });

    // The place redeems two passes at its desk: two participants of one 90-minute workshop.
    const place = await j.newPage();
    await logIn(place, j.baseUrl, 'lieu@hautsdefrance.test');
    await place.waitForURL(/\/lieu$/);
    const result = place.getByTestId('pass-check-result');
    const theme = place.getByLabel('Thème de la séance');
    const minutes = place.getByLabel('Durée de la séance, en minutes');
    const collective = place.getByLabel('Collective', { exact: true });
    let workshopTheme = '';
    for (const [i, code] of codes.slice(0, 2).entries()) {
      await place.getByLabel('Code du pass').fill(code);
      await place.getByRole('button', { name: 'Vérifier' }).click();
      await poll(() => result.getAttribute('data-status')).toBe('redeemable');
      if (i === 0) {
        await theme.selectOption({ index: 1 });
        workshopTheme = await theme.inputValue();
        await minutes.fill('90');
        // Its label, as a finger taps it: the DSFR draws the radio button under it.
        await place.locator('label', { hasText: /^Collective$/ }).click();
        expect(await collective.isChecked()).toBe(true);
      } else {
        // The second participant's form opens with the workshop's session: nothing to choose again.
        expect(await theme.inputValue()).toBe(workshopTheme);
        expect(await minutes.inputValue()).toBe('90');
        expect(await collective.isChecked()).toBe(true);
      }
      await place.getByRole('button', { name: 'Confirmer l’encaissement' }).click();
      await poll(() => result.getAttribute('data-status')).toBe('redeemed');
      await place.getByRole('button', { name: 'Encaisser un autre pass' }).click();
    }

    // The monthly job, for this month.
    const month = businessDate().slice(0, 7);
    await statements.run(j.t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));

    // The place finds its statement and downloads the PDF.
    await place.getByRole('link', { name: 'Relevés', exact: true }).click();
    await place.waitForURL(/\/lieu\/releves$/);
    const pdfLink = place.getByRole('link', { name: /^PDF du relevé/ }).first();
    await poll(() => pdfLink.count()).toBeGreaterThan(0);
    const [pdf] = await Promise.all([place.waitForEvent('download'), pdfLink.click()]);
    const pdfBytes = await streamBytes(await pdf.createReadStream());
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expectAccessibleAtBothWidths(place, 'place statements');
    // On a phone, its PDF and CSV are targets a finger finds: 44 px tall, not touching.
    await place.setViewportSize({ width: 360, height: 740 });
    const csvLink = place.getByRole('link', { name: /^CSV du relevé/ }).first();
    const [pdfBox, csvBox] = [await pdfLink.boundingBox(), await csvLink.boundingBox()];
    expect(pdfBox!.height).toBeGreaterThanOrEqual(44);
    expect(csvBox!.height).toBeGreaterThanOrEqual(44);
    expect(csvBox!.x >= pdfBox!.x + pdfBox!.width + 4 || csvBox!.y >= pdfBox!.y + pdfBox!.height).toBe(true);
    await place.setViewportSize({ width: 1280, height: 900 });

    // The funder's admin prepares the run; approving it is for someone else.
    const funder = await j.newPage();
    await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
    await funder.waitForURL(/\/financeur$/);
    await funder.getByRole('link', { name: 'Paiements', exact: true }).click();
    await funder.waitForURL(/\/financeur\/paiements$/);
    await funder.getByRole('button', { name: 'Préparer un lot de paiement' }).click();
    const approve = funder.getByRole('button', { name: 'Approuver le lot' });
    await poll(() => approve.count()).toBeGreaterThan(0);
    await poll(() => approve.first().isDisabled()).toBe(true);
    // Its transfers are to approve, as the run's badge says (they read « À transmettre »).
    const prepared = funder.getByRole('article').filter({ has: approve.first() });
    const preparedStates = await prepared.locator('td[data-label="État"]').allTextContents();
    expect(preparedStates.length).toBeGreaterThan(0);
    expect(new Set(preparedStates)).toEqual(new Set(['À approuver']));
    await expectAccessibleAtBothWidths(funder, 'payments, run prepared');

    // A second admin approves it.
    const treasurer = await j.newPage();
    await logIn(treasurer, j.baseUrl, 'tresorerie@hautsdefrance.test', TEST_PASSWORD);
    await treasurer.waitForURL(/\/financeur$/);
    await treasurer.goto(`${j.baseUrl}/financeur/paiements`);
    const approveHere = treasurer.getByRole('button', { name: 'Approuver le lot' }).first();
    await poll(() => approveHere.isEnabled()).toBe(true);
    await approveHere.click();
    // Asked first, with the run's total (it approved in one click).
    await poll(() => treasurer.getByText(/^Approuver ce lot de .+ € \(\d+ virements?\) \?/).count()).toBe(1);
    await treasurer.getByRole('button', { name: 'Oui, approuver le lot' }).click();
    const download = treasurer
      .getByRole('button', { name: 'Télécharger le fichier de virements SEPA' })
      .first();
    await poll(() => download.count()).toBe(1);
    const approved = treasurer.getByRole('article').filter({ has: download });
    expect(new Set(await approved.locator('td[data-label="État"]').allTextContents())).toEqual(
      new Set(['À transmettre']),
    );
    await expectAccessibleAtBothWidths(treasurer, 'payments, run approved');

    // The SEPA file, then the bank's statement that pays it.
    const [sepaFile] = await Promise.all([treasurer.waitForEvent('download'), download.click()]);
    const sepa = (await streamBytes(await sepaFile.createReadStream())).toString('utf8');
    expect(sepa).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    // The notice says the run went, not still « téléchargez son fichier » above a run « Transmis ».
    await poll(() => treasurer.getByText(/Fichier de virements SEPA téléchargé/).count()).toBe(1);
    expect(await treasurer.getByText(/téléchargez son fichier de virements SEPA/).count()).toBe(0);
    // A run reads « Payé » once the bank booked all its transfers, not « Transmis » for ever.
    const paidRuns = treasurer.getByRole('heading', { name: /^Lot du .* Payé$/ });
    const paidBefore = await paidRuns.count();
    await treasurer.getByLabel('camt.053 (XML ISO 20022)').check();
    await treasurer.getByLabel('Relevé bancaire').setInputFiles({
      name: 'releve-camt053.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(camt053Paying(sepa)),
    });
    await treasurer.getByRole('button', { name: 'Importer le relevé' }).click();
    await poll(() => treasurer.getByText(/Payé le/i).count()).toBeGreaterThan(0);
    await poll(() => paidRuns.count()).toBe(paidBefore + 1);
    await expectAccessibleAtBothWidths(treasurer, 'payments, reconciled');

    // The place reads that it was paid.
    await place.reload();
    await poll(() => place.getByText(/payé le/i).count()).toBeGreaterThan(0);
    await expectAccessibleAtBothWidths(place, 'place statements, paid');
  }, 240_000);
});

async function streamBytes(stream: NodeJS.ReadableStream | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream!) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
