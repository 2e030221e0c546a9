import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DomainError } from '../../core/errors.js';
import { FileTextDecoder } from '../../core/text.js';

/**
 * Reading a file of places in the national standard as published in open data: CSV (comma,
 * semicolon or tab, with or without BOM, quoted or not) streamed record by record, or JSON (an
 * array of places, or an object holding one).
 */

export type FileFormat = 'csv' | 'json';
export type ReadRecord =
  | { line: number; raw: Record<string, unknown> }
  | { line: number; unreadable: string };

/** JSON when the first non-blank character opens an array or an object; CSV otherwise. */
export function formatOf(head: Buffer | string): FileFormat {
  const start = (typeof head === 'string' ? head : head.subarray(0, 64).toString('utf8')).replace(
    /^\uFEFF?\s*/,
    '',
  );
  return start.startsWith('[') || start.startsWith('{') ? 'json' : 'csv';
}

const notStandard = (detail: string) =>
  new DomainError('not_standard_file', detail, [{ field: 'file', message: detail }]);

const REQUIRED = ['id', 'nom'];
/** Bytes given to the CSV parser at a time. */
const SLICE = 64 * 1024;

/** The delimiter of the header line: the most frequent of `,`, `;` and tab. */
function delimiterOf(headerLine: string): string {
  const count = (c: string) => headerLine.split(c).length - 1;
  return [';', '\t', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

async function* csvRecords(stream: Readable): AsyncGenerator<ReadRecord> {
  const iterator = stream[Symbol.asyncIterator]();
  let head = '';
  const pending: Buffer[] = [];
  // The header decides the delimiter: read until its end (or the file's).
  while (!head.includes('\n')) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    pending.push(chunk);
    head += chunk.toString('utf8');
  }
  const parser = parse({
    bom: true,
    delimiter: delimiterOf(head.replace(/^\uFEFF/, '').split('\n')[0] ?? ''),
    // Records as arrays, named here: csv-parse's own columns option defines each cell as a
    // property, which cost as much as the parsing itself on a file of thousands of places.
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  const skipped: ReadRecord[] = [];
  parser.on('skip', (err: { lines?: number }) =>
    skipped.push({
      line: err.lines ?? 0,
      unreadable: 'Ligne illisible (guillemets mal fermés ou colonnes en trop) : ligne non reprise.',
    }),
  );
  // A file given whole (the web's upload) is fed in slices: parsed as the places are checked and
  // written, not all at once before the first batch can be sent.
  const decoder = new FileTextDecoder(() =>
    notStandard(
      'Ce fichier mêle plusieurs encodages de caractères : enregistrez-le depuis votre tableur en « CSV UTF-8 », puis importez-le à nouveau.',
    ),
  );
  const write = async (chunk: Buffer | string) => {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    for (let at = 0; at < bytes.length; at += SLICE) {
      const text = decoder.decode(bytes.subarray(at, at + SLICE));
      if (!parser.write(text)) await new Promise((r) => parser.once('drain', r));
    }
  };
  const feed = (async () => {
    for (const chunk of pending) await write(chunk);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) await write(next.value);
    const rest = decoder.decode(Buffer.alloc(0), true);
    if (rest) parser.write(rest);
    parser.end();
  })();
  feed.catch((e) => parser.destroy(e));
  let header: string[] | undefined;
  let checked = false;
  for await (const { record: cells, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (!header) {
      header = cells.map((h) => h.trim().toLowerCase());
      continue;
    }
    // Cells beyond the header's are left out; a short line has only the columns it fills.
    const record: Record<string, string> = Object.create(null);
    for (let i = 0; i < cells.length && i < header.length; i++) record[header[i]!] = cells[i]!;
    if (!checked) {
      const missing = REQUIRED.filter((c) => !(c in record));
      if (missing.length)
        throw notStandard(
          `Ce fichier ne suit pas le standard des lieux de médiation numérique : colonne${missing.length > 1 ? 's' : ''} ${missing.map((c) => `« ${c} »`).join(' et ')} absente${missing.length > 1 ? 's' : ''}.`,
        );
      checked = true;
    }
    yield* skipped.splice(0);
    yield { line: info.lines, raw: record };
  }
  yield* skipped.splice(0);
  await feed;
}

async function* jsonRecords(stream: Readable, onTotal?: (n: number) => unknown): AsyncGenerator<ReadRecord> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  let data: unknown;
  try {
    data = JSON.parse(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch {
    throw notStandard('Ce fichier JSON est illisible : vérifiez qu’il est complet.');
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object'
      ? Object.values(data).find((v) => Array.isArray(v))
      : undefined;
  if (!list) throw notStandard('Ce fichier JSON ne contient pas de liste de lieux.');
  await onTotal?.(list.length);
  for (const [i, item] of list.entries()) {
    if (item && typeof item === 'object' && !Array.isArray(item))
      yield { line: i + 1, raw: item as Record<string, unknown> };
    else yield { line: i + 1, unreadable: 'Élément qui n’est pas un lieu (objet attendu) : non repris.' };
  }
}

/** The file's places one by one, each with its line (CSV) or rank (JSON). */
export function recordsOf(
  stream: Readable,
  format: FileFormat,
  onTotal?: (n: number) => unknown,
): AsyncIterable<ReadRecord> {
  return format === 'json' ? jsonRecords(stream, onTotal) : csvRecords(stream);
}
