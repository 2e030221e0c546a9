import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type ReadRecord, recordsOf } from './read.js';

// A file of places as people save it: French Excel writes CSV in Windows-1252, most other tools
// in UTF-8; the web's upload gives it whole, the command line in chunks of any size.
const CSV = [
  'id;nom;commune;services',
  '1;Médiathèque François Mitterrand;Pont-l’Abbé;Aide aux démarches administratives',
  '2;Espace « Cyber-base » de Quimper;Quimper;Prendre en main un ordinateur',
].join('\r\n');

/** The bytes, in Windows-1252 (one byte a character for these) or UTF-8. */
const windows1252 = (text: string) =>
  Buffer.from([...text].map((c) => ({ '’': 0x92, '«': 0xab, '»': 0xbb })[c] ?? c.charCodeAt(0)));

/** The bytes given in chunks of `size`, cutting wherever that falls (inside a character too). */
const inChunks = (bytes: Buffer, size: number) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    ),
  );

async function read(stream: Readable): Promise<ReadRecord[]> {
  const out: ReadRecord[] = [];
  for await (const r of recordsOf(stream, 'csv')) out.push(r);
  return out;
}

const names = (records: ReadRecord[]) =>
  records.map((r) => ('raw' in r ? [r.raw.nom, r.raw.commune, r.raw.services] : r));

const EXPECTED = [
  ['Médiathèque François Mitterrand', 'Pont-l’Abbé', 'Aide aux démarches administratives'],
  ['Espace « Cyber-base » de Quimper', 'Quimper', 'Prendre en main un ordinateur'],
];

describe('reading a file of places', () => {
  it('reads a Windows-1252 file with its accents, whole or in chunks', async () => {
    expect(windows1252(CSV).length).toBe(CSV.length);
    expect(names(await read(Readable.from([windows1252(CSV)])))).toEqual(EXPECTED);
    for (const size of [1, 7, 64])
      expect(names(await read(inChunks(windows1252(CSV), size)))).toEqual(EXPECTED);
  });

  it('reads UTF-8 cut inside a character, with or without its byte order mark', async () => {
    for (const size of [1, 5, 33])
      expect(names(await read(inChunks(Buffer.from(`\uFEFF${CSV}`), size)))).toEqual(EXPECTED);
  });

  it('refuses, naming the file, one that mixes UTF-8 and other bytes', async () => {
    const mixed = Buffer.concat([
      Buffer.from(CSV),
      Buffer.from('\r\n3;'),
      windows1252('Médiathèque;Brest;x'),
    ]);
    await expect(read(inChunks(mixed, 16))).rejects.toMatchObject({
      code: 'not_standard_file',
      errors: [{ field: 'file', message: expect.stringContaining('UTF-8') }],
    });
  });
});
