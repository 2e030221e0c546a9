import { decimalToCents } from './amount.js';
import { BankFileError, type BankLine } from './bank-lines.js';
import { child, children, parseXml, textOf, type XmlElement, XmlSyntaxError } from './xml.js';

/**
 * The bank-to-customer statement, ISO 20022 camt.053.001.02 (the version French banks send):
 * for each booked entry (Ntry), one line per transaction detail (NtryDtls/TxDtls) with its
 * end-to-end id (Refs/EndToEndId), amount, direction (CdtDbtInd) and booking date (BookgDt).
 * An entry the bank booked as a batch carries several details, each with its own amount
 * (AmtDtls/TxAmt/Amt); one with a single detail may give the amount on the entry only.
 * A transfer the creditor's bank sent back is a credit whose detail carries the original
 * end-to-end id and the return's reason (RtrInf/Rsn/Cd, or Prtry). Pending entries and
 * reversals are left out: they are not money that moved. Pure.
 */

const NOT_PROVIDED = 'NOTPROVIDED'; // what banks write when the payer gave no end-to-end id

function amountOf(element: XmlElement | undefined, where: string): number {
  const text = element?.text.trim() ?? '';
  const cents = decimalToCents(text);
  if (cents === null || cents < 0) throw new BankFileError(`Montant illisible (${where}) : « ${text} ».`);
  const currency = element?.attributes.Ccy;
  if (currency && currency !== 'EUR')
    throw new BankFileError(`Devise ${currency} (${where}) : seuls les relevés en euros sont pris.`);
  return cents;
}

function dateOf(entry: XmlElement): string | null {
  const text = textOf(entry, 'BookgDt', 'Dt') ?? textOf(entry, 'BookgDt', 'DtTm')?.slice(0, 10);
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}

function endToEndOf(details: XmlElement | undefined): string | null {
  const id = textOf(details, 'Refs', 'EndToEndId');
  return id && id !== NOT_PROVIDED ? id : null;
}

function returnReasonOf(details: XmlElement | undefined): string | null {
  const reason = textOf(details, 'RtrInf', 'Rsn', 'Cd') ?? textOf(details, 'RtrInf', 'Rsn', 'Prtry');
  return reason ? reason.slice(0, 35) : null;
}

function labelOf(entry: XmlElement, details: XmlElement | undefined): string {
  return (
    textOf(details, 'RmtInf', 'Ustrd') ??
    textOf(details, 'RltdPties', 'Cdtr', 'Nm') ??
    textOf(details, 'AddtlTxInf') ??
    textOf(entry, 'AddtlNtryInf') ??
    ''
  ).slice(0, 200);
}

export function readCamt053(xml: string): BankLine[] {
  // An empty file has no movement: the caller refuses it as it refuses an empty CSV.
  if (!xml.trim()) return [];
  let document: XmlElement;
  try {
    document = parseXml(xml);
  } catch (e) {
    // The parser's words (« balise fermante… ») tell a finance officer nothing: a file cut off
    // mid-download or not XML at all is fixed the same way, by exporting it again.
    if (e instanceof XmlSyntaxError)
      throw new BankFileError(
        'Ce fichier XML est incomplet ou illisible : exportez de nouveau le relevé depuis votre banque (format camt.053).',
      );
    throw e;
  }
  const report = child(document, 'BkToCstmrStmt');
  if (document.name !== 'Document' || !report)
    throw new BankFileError("Ce fichier n'est pas un relevé camt.053 (élément BkToCstmrStmt absent).");
  const lines: BankLine[] = [];
  let entryNumber = 0;
  for (const statement of children(report, 'Stmt')) {
    const account = textOf(statement, 'Acct', 'Id', 'IBAN')?.replace(/\s+/g, '').toUpperCase() ?? null;
    for (const entry of children(statement, 'Ntry')) {
      entryNumber++;
      const status = textOf(entry, 'Sts');
      if ((status && status !== 'BOOK') || textOf(entry, 'RvslInd') === 'true') continue;
      const indicator = textOf(entry, 'CdtDbtInd');
      if (indicator !== 'DBIT' && indicator !== 'CRDT')
        throw new BankFileError(`Écriture n° ${entryNumber} : sens (CdtDbtInd) absent ou inconnu.`);
      const details = children(child(entry, 'NtryDtls'), 'TxDtls');
      const base = { debit: indicator === 'DBIT', bookingDate: dateOf(entry), account };
      if (details.length <= 1) {
        const only = details[0];
        const amount = child(only, 'AmtDtls', 'TxAmt', 'Amt') ?? child(entry, 'Amt');
        lines.push({
          line: entryNumber,
          ...base,
          endToEndId: endToEndOf(only),
          amountCents: amountOf(amount, `écriture n° ${entryNumber}`),
          label: labelOf(entry, only),
          returnReason: returnReasonOf(only),
        });
        continue;
      }
      for (const d of details) {
        const amount = child(d, 'AmtDtls', 'TxAmt', 'Amt') ?? child(d, 'AmtDtls', 'InstdAmt', 'Amt');
        if (!amount)
          throw new BankFileError(`Écriture n° ${entryNumber} : montant de chaque opération du lot absent.`);
        lines.push({
          line: entryNumber,
          ...base,
          endToEndId: endToEndOf(d),
          amountCents: amountOf(amount, `écriture n° ${entryNumber}`),
          label: labelOf(entry, d),
          returnReason: returnReasonOf(d),
        });
      }
    }
  }
  return lines;
}
