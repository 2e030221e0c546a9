import { type CsvError, parse } from 'csv-parse/sync';
import { decimalToCents } from './amount.js';
import { BankFileError, type BankLine } from './bank-lines.js';

/**
 * The CSV fallback for banks (or people) without camt.053: one line per movement,
 * `date;montant;référence de bout en bout;libellé`, separated by semicolons as French
 * spreadsheets write them, the amount with a decimal comma or dot. A first line of titles is
 * skipped. The amount is signed as banks write their statements: money leaving the account
 * (a transfer to a place) is negative; a positive amount is money coming in, a credit that pays
 * nobody. A transfer the bank returns (a closed account) comes back as a credit carrying the
 * same end-to-end reference, and must not be read as the place paid. Pure.
 */

function isoDate(text: string): string | null {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/** The parser's fault in French, with its line: its own messages are English. */
function csvFault(e: CsvError): string {
  const where = typeof e.lines === 'number' ? `ligne ${e.lines}, ` : '';
  return /QUOTE/.test(String(e.code))
    ? `${where}un guillemet n’est pas fermé ou est mal placé`
    : `${where}format non reconnu (attendu : date;montant;référence;libellé, séparés par des points-virgules)`;
}

export function readBankCsv(text: string): BankLine[] {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: ';',
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (e) {
    throw new BankFileError(`Fichier CSV illisible : ${csvFault(e as CsvError)}.`);
  }
  const lines: BankLine[] = [];
  rows.forEach((row, index) => {
    const number = index + 1;
    const [date = '', amount = '', reference = '', label = ''] = row;
    if (index === 0 && decimalToCents(amount) === null) return; // titles
    if (row.length < 3)
      throw new BankFileError(
        `Ligne ${number} : il faut au moins date;montant;référence de bout en bout (séparés par des points-virgules).`,
      );
    const bookingDate = isoDate(date);
    if (!bookingDate)
      throw new BankFileError(
        `Ligne ${number} : date illisible « ${date} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ).`,
      );
    const cents = decimalToCents(amount);
    if (cents === null || cents === 0)
      throw new BankFileError(`Ligne ${number} : montant illisible « ${amount} » (par exemple 123,45).`);
    lines.push({
      line: number,
      endToEndId: reference || null,
      amountCents: Math.abs(cents),
      debit: cents < 0,
      bookingDate,
      label: label.slice(0, 200),
    });
  });
  return lines;
}
