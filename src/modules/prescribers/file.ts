import { parse } from 'csv-parse/sync';
import type { Cell } from 'exceljs';
import { invalid } from '../../core/errors.js';
import { searchKey } from '../../core/territory.js';
import { fileText } from '../../core/text.js';

/** The columns a list of prescribers may have; only the name's is required. */
export type Column = 'name' | 'kind' | 'siret' | 'commune' | 'postcode';

/** One line of the file as written, numbered as a spreadsheet numbers it (the header is 1). */
export interface FileLine {
  line: number;
  cells: Partial<Record<Column, string>>;
}

export type FileFormat = 'csv' | 'xlsx';

/** At most this many lines in one file: a funder's prescribers, not a national directory. */
export const MAX_LINES = 5000;

// Headings as people write them, folded (case, accents and punctuation aside).
const HEADINGS: Record<string, Column> = {
  nom: 'name',
  'nom de la structure': 'name',
  structure: 'name',
  'raison sociale': 'name',
  denomination: 'name',
  name: 'name',
  type: 'kind',
  'type de structure': 'kind',
  categorie: 'kind',
  kind: 'kind',
  siret: 'siret',
  'n siret': 'siret',
  'numero siret': 'siret',
  commune: 'commune',
  ville: 'commune',
  'code insee': 'commune',
  'code commune': 'commune',
  insee: 'commune',
  communecode: 'commune',
  'code postal': 'postcode',
  cp: 'postcode',
  postcode: 'postcode',
};

const unreadable = (message: string) =>
  invalid([{ field: 'file', message }], 'Le fichier ne peut pas être lu.');

/** The separator of the header line: French spreadsheets write « ; », others « , » or tabs. */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

function columnsOf(header: string[]): (Column | undefined)[] {
  const columns = header.map((h) => HEADINGS[searchKey(h)]);
  if (!columns.includes('name')) {
    throw unreadable(
      'Colonne « Nom » introuvable : la première ligne doit nommer les colonnes (Nom, Type, SIRET, Commune, Code postal).',
    );
  }
  return columns;
}

function toLines(rows: { line: number; values: string[] }[]): FileLine[] {
  const [header, ...data] = rows;
  if (!header) throw unreadable('Le fichier est vide.');
  const columns = columnsOf(header.values);
  const lines = data
    .map(({ line, values }) => {
      const cells: FileLine['cells'] = {};
      columns.forEach((column, i) => {
        const value = values[i]?.trim();
        if (column && value && !cells[column]) cells[column] = value;
      });
      return { line, cells };
    })
    .filter((l) => Object.keys(l.cells).length > 0);
  if (lines.length > MAX_LINES)
    throw unreadable(`Le fichier compte ${lines.length} lignes : au plus ${MAX_LINES} par import.`);
  return lines;
}

function readCsv(bytes: Buffer): FileLine[] {
  const text = fileText(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (e) {
    throw unreadable(`Fichier CSV illisible : ${(e as Error).message}`);
  }
  return toLines(records.map((r) => ({ line: r.info.lines, values: r.record })));
}

/** A cell's text: numbers as written (a SIRET typed as a number keeps its 14 digits). */
function cellText(cell: Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return cell.text ?? '';
}

async function readXlsx(bytes: Buffer): Promise<FileLine[]> {
  // Loaded for the first workbook read, not at every start: exceljs takes half a second.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('Fichier Excel illisible : enregistrez-le au format .xlsx ou .csv.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('Le classeur ne contient aucune feuille.');
  const rows: { line: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) values.push(cellText(row.getCell(i)));
    rows.push({ line: row.number, values });
  });
  return toLines(rows);
}

/** The format of a file by its name's extension. */
export function formatOf(fileName: string): FileFormat {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  throw unreadable('Choisissez un fichier .csv ou .xlsx.');
}

/** The lines of a list of prescribers, from a CSV or XLSX file's bytes. */
export function readLines(format: FileFormat, bytes: Buffer): Promise<FileLine[]> {
  return format === 'xlsx' ? readXlsx(bytes) : Promise.resolve(readCsv(bytes));
}
