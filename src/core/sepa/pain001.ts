import { centsToDecimal } from './amount.js';
import { isSepaText, toSepaText } from './charset.js';
import { REMITTANCE_MAX } from './remittance.js';

/**
 * A SEPA credit transfer file, ISO 20022 pain.001.001.03 (CustomerCreditTransferInitiationV03),
 * the version French banks take: one group header, one payment information block with the
 * funder's account as debtor, one transaction per place. Every text is in the SEPA character
 * set and within the schema's lengths; amounts are exact. Pure: the caller supplies ids and
 * the instant. The tests validate its output against the official XSD.
 */

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';
export const ID_MAX = 35; // MsgId, PmtInfId, EndToEndId are Max35Text
const NAME_MAX = 70; // EPC: names of debtor and creditor, 70 characters
/** The largest amount a SEPA credit transfer may carry (EPC rulebook): 999,999,999.99 €. */
export const SEPA_MAX_CENTS = 99_999_999_999;

export interface SepaAccount {
  name: string;
  iban: string;
  bic: string;
}

export interface SepaTransfer {
  endToEndId: string;
  amountCents: number;
  creditor: SepaAccount;
  remittance: string;
}

export interface Pain001Input {
  messageId: string;
  createdAt: Date;
  /** YYYY-MM-DD, the day the bank is asked to execute the transfers. */
  requestedExecutionDate: string;
  initiatingParty: string;
  debtor: SepaAccount;
  transfers: readonly SepaTransfer[];
}

/** An id the schema and the EPC accept: 1–35 SEPA characters, not starting or ending with '/', no '//'. */
export function isSepaId(id: string): boolean {
  return (
    id.length >= 1 &&
    id.length <= ID_MAX &&
    isSepaText(id) &&
    !id.startsWith('/') &&
    !id.endsWith('/') &&
    !id.includes('//') &&
    !id.includes(' ')
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
}

/**
 * A debtor's or creditor's name as the file carries it (before XML escaping), so as the banks'
 * statements show it: what a place's treasurer looks for on its bank statement.
 */
export function nameInFile(text: string): string {
  return toSepaText(text, NAME_MAX) || 'NON RENSEIGNE';
}

/**
 * A transfer's remittance information as the file carries it (RmtInf/Ustrd, before XML
 * escaping; empty: no RmtInf), so as the place's bank statement shows it.
 */
export function remittanceInFile(text: string): string {
  return toSepaText(text, REMITTANCE_MAX);
}

function name(text: string): string {
  return escapeXml(nameInFile(text));
}

function check(input: Pain001Input): void {
  if (!isSepaId(input.messageId)) throw new RangeError(`bad message id: ${input.messageId}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.requestedExecutionDate))
    throw new RangeError('bad requested execution date');
  if (input.transfers.length === 0) throw new RangeError('a transfer file needs one transfer at least');
  const seen = new Set<string>();
  for (const t of input.transfers) {
    if (!isSepaId(t.endToEndId)) throw new RangeError(`bad end-to-end id: ${t.endToEndId}`);
    if (seen.has(t.endToEndId)) throw new RangeError(`end-to-end id used twice: ${t.endToEndId}`);
    seen.add(t.endToEndId);
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents < 1 || t.amountCents > SEPA_MAX_CENTS)
      throw new RangeError(`bad transfer amount: ${t.amountCents}`);
  }
}

function account(tag: string, agentTag: string, a: SepaAccount, indent: string): string {
  return [
    `${indent}<${tag}><Nm>${name(a.name)}</Nm></${tag}>`,
    `${indent}<${tag}Acct><Id><IBAN>${escapeXml(a.iban)}</IBAN></Id></${tag}Acct>`,
    `${indent}<${agentTag}><FinInstnId><BIC>${escapeXml(a.bic)}</BIC></FinInstnId></${agentTag}>`,
  ].join('\n');
}

function transaction(t: SepaTransfer): string {
  const i = '      ';
  const remittance = remittanceInFile(t.remittance);
  return [
    '    <CdtTrfTxInf>',
    `${i}<PmtId><EndToEndId>${escapeXml(t.endToEndId)}</EndToEndId></PmtId>`,
    `${i}<Amt><InstdAmt Ccy="EUR">${centsToDecimal(t.amountCents)}</InstdAmt></Amt>`,
    `${i}<CdtrAgt><FinInstnId><BIC>${escapeXml(t.creditor.bic)}</BIC></FinInstnId></CdtrAgt>`,
    `${i}<Cdtr><Nm>${name(t.creditor.name)}</Nm></Cdtr>`,
    `${i}<CdtrAcct><Id><IBAN>${escapeXml(t.creditor.iban)}</IBAN></Id></CdtrAcct>`,
    ...(remittance ? [`${i}<RmtInf><Ustrd>${escapeXml(remittance)}</Ustrd></RmtInf>`] : []),
    '    </CdtTrfTxInf>',
  ].join('\n');
}

/** The instant as xs:dateTime, to the second, in UTC. */
function dateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

export function pain001ControlSum(transfers: readonly SepaTransfer[]): number {
  return transfers.reduce((sum, t) => sum + t.amountCents, 0);
}

/** The file's XML text (UTF-8). Throws RangeError on input no bank would take (a programming error). */
export function buildPain001(input: Pain001Input): string {
  check(input);
  const count = String(input.transfers.length);
  const sum = centsToDecimal(pain001ControlSum(input.transfers));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN001_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    '<CstmrCdtTrfInitn>',
    '  <GrpHdr>',
    `    <MsgId>${escapeXml(input.messageId)}</MsgId>`,
    `    <CreDtTm>${dateTime(input.createdAt)}</CreDtTm>`,
    `    <NbOfTxs>${count}</NbOfTxs>`,
    `    <CtrlSum>${sum}</CtrlSum>`,
    `    <InitgPty><Nm>${name(input.initiatingParty)}</Nm></InitgPty>`,
    '  </GrpHdr>',
    '  <PmtInf>',
    `    <PmtInfId>${escapeXml(input.messageId)}</PmtInfId>`,
    '    <PmtMtd>TRF</PmtMtd>',
    // One entry per transfer on the bank's statement, so that each comes back with its own
    // end-to-end id and amount in the camt.053 the reconciliation reads.
    '    <BtchBookg>false</BtchBookg>',
    `    <NbOfTxs>${count}</NbOfTxs>`,
    `    <CtrlSum>${sum}</CtrlSum>`,
    '    <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `    <ReqdExctnDt>${input.requestedExecutionDate}</ReqdExctnDt>`,
    account('Dbtr', 'DbtrAgt', input.debtor, '    '),
    '    <ChrgBr>SLEV</ChrgBr>',
    ...input.transfers.map(transaction),
    '  </PmtInf>',
    '</CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n');
}
