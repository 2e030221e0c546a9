import { toSepaText } from './charset.js';

export const REMITTANCE_MAX = 140; // RmtInf/Ustrd is a Max140Text

const SENT_AGAIN = 'Nouvel envoi';

/** Whether a transfer's remittance says it is a returned transfer sent again whole. */
export const saysSentAgain = (remittance: string) => remittance.startsWith(`${SENT_AGAIN} `);

/**
 * The unstructured remittance information of a transfer to a place: the numbers of the
 * statements it pays, so that the place's accountant can tell what the money is for. When they
 * do not all fit in 140 characters, as many as fit and how many more ("+ 3 autres").
 */
export function remittanceFor(
  statementNumbers: readonly string[],
  funderName: string,
  kind: 'first' | 'complement' | 'sent_again' = 'first',
): string {
  // A complement pays the rest of an earlier transfer (with the statements issued since); a
  // transfer the bank sent back, of which nothing reached the place, is sent again whole: each
  // says so, for the place's accountant reading the same statement numbers a second time.
  const plural = statementNumbers.length > 1;
  const prefix = {
    first: plural ? 'Releves pass numerique ' : 'Releve pass numerique ',
    complement: plural ? 'Complement releves ' : 'Complement releve ',
    sent_again: `${SENT_AGAIN} ${plural ? 'releves' : 'releve'} `,
  }[kind];
  const from = ` - ${toSepaText(funderName, 40)}`;
  const numbers = statementNumbers.map((n) => toSepaText(n, 35));
  for (let shown = numbers.length; shown >= 1; shown--) {
    const rest = numbers.length - shown;
    const text = `${prefix}${numbers.slice(0, shown).join(', ')}${rest ? ` + ${rest} autres` : ''}`;
    if (text.length + from.length <= REMITTANCE_MAX) return text + from;
    if (text.length <= REMITTANCE_MAX) return text;
  }
  return `${prefix}${numbers[0] ?? ''}`.slice(0, REMITTANCE_MAX).trim();
}
