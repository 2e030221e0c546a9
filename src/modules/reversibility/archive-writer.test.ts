import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { frenchCsv } from '../../core/csv.js';
import { ArchiveWriter } from './archive-writer.js';

/*
 * The archive is written as the rows come, a batch at a time: what a spreadsheet opens must be
 * the same file as if it had been written whole.
 */
/** A file's text as written, its byte-order mark kept (a decoder drops it by default). */
const textOf = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('ArchiveWriter', () => {
  it('writes each CSV file whole from its batches, the README first and last written', async () => {
    const archive = new ArchiveWriter('LISEZMOI.txt');
    const header = ['Numéro', 'Lieu', 'Valeur (€)'];
    const rows = Array.from({ length: 30_000 }, (_, i) => [i + 1, `Lieu n° ${i % 50}; « accents »`, '10,00']);
    const big = archive.csv('encaissements.csv', header);
    for (let i = 0; i < rows.length; i += 5000) big.add(rows.slice(i, i + 5000));
    const empty = archive.csv('releves.csv', ['Numéro']);
    const small = archive.csv('lieux.csv', ['Lieu']);
    small.add([['=HYPERLINK("x")']]);
    expect([big.lines, empty.lines, small.lines]).toEqual([30_000, 0, 1]);

    const files = unzipSync(new Uint8Array(await archive.finish('Trois fichiers.\r\n')));
    expect(Object.keys(files)).toEqual(['LISEZMOI.txt', 'encaissements.csv', 'releves.csv', 'lieux.csv']);
    expect(strFromU8(files['LISEZMOI.txt']!)).toBe('Trois fichiers.\r\n');
    expect(textOf(files['encaissements.csv']!)).toBe(frenchCsv([header, ...rows]));
    expect(textOf(files['releves.csv']!)).toBe(frenchCsv([['Numéro']]));
    // The writer goes through the one CSV writer, formula guard included.
    expect(textOf(files['lieux.csv']!)).toBe(frenchCsv([['Lieu'], ['=HYPERLINK("x")']]));
    expect(strFromU8(files['lieux.csv']!)).toContain(`'=HYPERLINK`);
  });

  it('stops its workers when a read fails, and a new archive works after it', async () => {
    const failed = new ArchiveWriter('LISEZMOI.txt');
    failed.csv('carnets.csv', ['Carnet']).add([['HDF-000001']]);
    failed.abort();
    const archive = new ArchiveWriter('LISEZMOI.txt');
    archive.csv('carnets.csv', ['Carnet']).add([['HDF-000002']]);
    const files = unzipSync(new Uint8Array(await archive.finish('')));
    expect(textOf(files['carnets.csv']!)).toBe(frenchCsv([['Carnet'], ['HDF-000002']]));
  });
});
