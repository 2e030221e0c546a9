import { toSepaText } from './charset.js';

export const REMITTANCE_MAX = 140; // RmtInf/Ustrd is a Max140Text

/**
 * The unstructured remittance information of a transfer to a place: the numbers of the
 * statements it pays, so that the place's accountant can tell what the money is for. When they
 * do not all fit in 140 characters, as many as fit and how many more ("+ 3 autres").
 */
export function remittanceFor(
  statementNumbers: readonly string[],
  funderName: string,
  complement = false,
): string {
  // A complement pays the rest of an earlier transfer (with the statements issued since): it says so.
  const prefix = complement
    ? statementNumbers.length > 1
      ? 'Complement releves '
      : 'Complement releve '
    : statementNumbers.length > 1
      ? 'Releves pass numerique '
      : 'Releve pass numerique ';
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
