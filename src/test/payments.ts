import { randomUUID } from 'node:crypto';
import type { Client, TestApp } from './app.js';
import type { Circulation } from './circulation.js';

/** The demo funder's account (debited by its runs), and a place's, given by its admin. */
export async function giveBankAccounts(c: Circulation, placeAdmin: Client, placeId: string) {
  const funder = await c.funder.request('PATCH', `/api/v1/funders/${c.funderId}/settings`, {
    bankAccount: {
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
      holder: 'Région Hauts-de-France',
    },
  });
  if (funder.statusCode >= 300) throw new Error(`funder account: ${funder.body}`);
  const place = await placeAdmin.request('POST', `/api/v1/places/${placeId}/applications/bank-accounts`, {
    iban: 'FR76 1010 7001 0112 3456 7890 129',
    bic: 'BREDFRPP',
    holder: 'Médiathèque Louis Aragon',
  });
  if (place.statusCode >= 300) throw new Error(`place account: ${place.body}`);
}

/** The bank's camt.053 of `day`, booking each transfer (end-to-end id, cents) on that day. */
export function camt053(day: string, entries: [endToEndId: string, cents: number][]) {
  const ntry = entries
    .map(
      ([e2e, cents]) =>
        `<Ntry><Amt Ccy="EUR">${(cents / 100).toFixed(2)}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${day}</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>${e2e}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>R-${randomUUID().slice(0, 8)}</MsgId><CreDtTm>${day}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S-${day}</Id><CreDtTm>${day}T18:00:00</CreDtTm><Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></Acct>${ntry}
</Stmt></BkToCstmrStmt></Document>`;
}

/** Uploads a bank file as the web app does (raw bytes), as `client`, a funder admin. */
export const importBankFile = (
  t: TestApp,
  c: Circulation,
  client: Client,
  body: string,
  format = 'camt053',
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/funders/${c.funderId}/bank-imports?format=${format}&fileName=releve.xml`,
    payload: body,
    headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': client.csrfToken },
    cookies: { pn_session: client.cookie },
  });
