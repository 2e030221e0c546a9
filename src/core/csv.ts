/*
 * The CSV files people open in a spreadsheet. Every writer goes through here, for two reasons.
 * French Excel wants `;` between cells, a UTF-8 byte-order mark (without it, accents come out
 * garbled) and CRLF line ends. And a spreadsheet runs a cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return as a formula: a place named `=HYPERLINK("http://evil";"x")`
 * would become a link in the funder's sheet (CSV injection). Such a cell gets a leading `'`,
 * which the spreadsheet reads as « this is text » and does not show (OWASP's advice).
 */

/** A cell's value: text, or a number; nothing is an empty cell. */
export type CsvValue = string | number | null | undefined;

/** What makes a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell that is wholly a number (`-10,00`, `-0.57`, `+33329000001`): the spreadsheet reads
 * it as that number, with no function or reference to run, so it is left as it is. The rule
 * goes by the cell's content, not by who wrote it: no writer has to tell its amounts from
 * its users' text (one that forgot would reopen the hole), a negative amount the code wrote
 * stays a number the sheet can add up, and a user's `-12` is just as harmless.
 */
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/** What obliges a cell to be quoted, besides the separator. */
const NEEDS_QUOTES = /["\r\n]/;

/**
 * One cell: a leading `'` when it would be read as a formula, then between double quotes
 * (inner ones doubled) when it holds the separator, a quote or a line break.
 */
export function csvCell(value: CsvValue, separator = ';'): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return safe.includes(separator) || NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line of cells, without its line end. */
export function csvRow(values: readonly CsvValue[], separator = ';'): string {
  return values.map((v) => csvCell(v, separator)).join(separator);
}

/** What opens a file for French spreadsheets: the UTF-8 byte-order mark. */
export const CSV_START = '\uFEFF';

/** Lines of a file for French spreadsheets: `;` between cells, CRLF after each line. */
export function csvLines(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((r) => `${csvRow(r)}\r\n`).join('');
}

/** A whole file for French spreadsheets: byte-order mark, then its lines. */
export function frenchCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `${CSV_START}${csvLines(rows)}`;
}
