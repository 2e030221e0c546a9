import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { demoCampaign } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

// A finance officer imports the bank's statement: one debit matches no transfer. Setting it
// aside takes a reason, which the journal keeps (an auditor found 5 000 € dismissed in one click).
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const today = businessDate();
const statement = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>RELEVE-ECART</MsgId><CreDtTm>${today}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>RELEVE-ECART</Id><CreDtTm>${today}T18:00:00</CreDtTm><Acct><Id><IBAN>FR7610071590000000100123486</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">5000.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${today}</Dt></BookgDt>
<NtryDtls><TxDtls><Refs><EndToEndId>INCONNU123</EndToEndId></Refs><AddtlTxInf>VIR FAVEUR M. X</AddtlTxInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`;

describe.runIf(hasBrowser)('a bank line set aside', () => {
  it(
    'takes a reason, kept in the journal',
    async () => {
      const c = await demoCampaign(j.t);
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/paiements`);
      await page.getByLabel('camt.053 (XML ISO 20022)').check();
      await page.getByLabel('Relevé bancaire').setInputFiles({
        name: 'releve-ecart.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(statement),
      });
      await page.getByRole('button', { name: 'Importer le relevé' }).click();

      await page.getByRole('button', { name: 'Écarter la ligne 1' }).click();
      const reason = page.getByLabel('Motif pour écarter la ligne 1');
      await reason.waitFor();
      // Sent empty: said on the field, nothing decided.
      await page.getByRole('button', { name: 'Écarter la ligne 1' }).click();
      await page.getByText('Dites pourquoi cette ligne est écartée.').waitFor();
      await expectAccessible(page, 'bank statement report, a line being set aside');
      await reason.fill('Prélèvement de la banque sans rapport avec le dispositif, signalé au comptable');
      await page.getByRole('button', { name: 'Écarter la ligne 1' }).click();
      await page.getByText('Ligne écartée (sans rapport)').waitFor();

      const journal = await c.funder.request(
        'GET',
        `/api/v1/funders/${c.funderId}/audit?action=bank_statement.line_decision`,
      );
      expect(journal.json().entries[0].details).toEqual(
        expect.arrayContaining([
          'Libellé : VIR FAVEUR M. X',
          'Motif : Prélèvement de la banque sans rapport avec le dispositif, signalé au comptable',
        ]),
      );
    },
    JOURNEY_MS,
  );
});
